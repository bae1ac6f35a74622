"""What the public record says about Essay 5's claims (MODELS.md §5.8).

One row per public-record row of the spec, held to the source bar of §0.8:
only primary publishers (or their well-known addresses) are linked. Figures
the spec found only on content farms, mirrors, machine-written Q&A pages,
prediction markets or SEO blogs keep the publisher's name and date without a
link, and their status is "partial". Unverified rows carry no figure.

Each row also has a `key` (unique slug) so that the model's static chart
markers can cite exactly the same sources (see `space_solar.PUBLIC_MARKERS`).

Standard library only: this file ships to the browser with the model.
"""

VERIFIED = "verified"
PARTIAL = "partial"
UNVERIFIED = "unverified"

#: NASA OTPS, Space-Based Solar Power (January 2024): the report PDF on nasa.gov.
NASA_OTPS_2024_URL = ("https://www.nasa.gov/wp-content/uploads/2024/01/"
                      "otps-sbsp-report-final-tagged-approved-1-8-24-tagged-v2.pdf")

PUBLIC_RECORD = [
    {
        "key": "musk_100tn",
        "id": "C1",
        "claim_zh": "SpaceX估值可达“百万亿美元”",
        "figure_zh": "马斯克在X上称SpaceX达到100万亿美元估值“中间有大量工作要做,但是可能的”",
        "status": PARTIAL,
        "note_zh": "只在二手转述中找到,未能直接核对原帖。“百万亿”按字面理解为100万亿美元,约为全球GDP的0.85倍。",
        "sources": [
            {"name": "Elon Musk 在 X 上的发言(经财经资讯网站转述,日期未核实)", "url": None},
        ],
    },
    {
        "key": "spacex_valuation",
        "id": "C1",
        "claim_zh": "SpaceX今天值多少钱",
        "figure_zh": ("2025年12月内部股份出售估值约8000亿美元(每股421美元),IPO传闻估值约1.5万亿美元;"
                      "2026年2月2日SpaceX与xAI合并,合并估值1.25万亿美元(SpaceX约1万亿、xAI约2500亿美元)"),
        "status": VERIFIED,
        "note_zh": "模型中“非能源业务价值”的默认值1万亿美元即取自合并时SpaceX的估值。",
        "sources": [
            {"name": "The Straits Times(路透社/彭博社报道),2025年12月",
             "url": "https://www.straitstimes.com/world/united-states/"
                    "spacex-sets-us800-billion-valuation-confirms-2026-ipo-plans"},
            {"name": "CNA(转引彭博社报道),2026年2月",
             "url": "https://www.channelnewsasia.com/business/"
                    "musks-spacex-merge-xai-combined-valuation-125-trillion-bloomberg-news-reports-5902216"},
        ],
    },
    {
        "key": "world_gdp",
        "id": "scale",
        "claim_zh": "全球GDP(用于衡量规模)",
        "figure_zh": "2023年106.94万亿美元;2025年预测值117.17万亿美元",
        "status": PARTIAL,
        "note_zh": "数字取自对IMF数据表的二手转载,未在IMF原表中逐项核对。",
        "sources": [
            {"name": "IMF World Economic Outlook, 2025年10月",
             "url": "https://www.imf.org/en/Publications/WEO/Issues/2025/10/14/"
                    "world-economic-outlook-october-2025"},
        ],
    },
    {
        "key": "world_electricity",
        "id": "scale",
        "claim_zh": "全球年发电量",
        "figure_zh": "2023年29,471太瓦时;2024年需求增长约4%",
        "status": PARTIAL,
        "note_zh": "数字取自对Ember报告的二手摘要。",
        "sources": [
            {"name": "Ember Global Electricity Review 2024, 2024年5月",
             "url": "https://ember-energy.org/latest-insights/global-electricity-review-2024/"},
        ],
    },
    {
        "key": "musk_fusion_quote",
        "id": "C2",
        "claim_zh": "“在地球上做核聚变,就像在北极旁边造电冰箱制冰”",
        "figure_zh": ("马斯克2025年12月15日:“太阳是天上一座巨大的、免费的聚变反应堆,在地球上造小型聚变反应堆非常蠢……”;"
                      "在播客中他比喻为“在南极造一台小制冰机”"),
        "status": PARTIAL,
        "note_zh": "原话说的是南极(Antarctica),文中写作北极。只在二手转述中找到。",
        "sources": [
            {"name": "Elon Musk 在 X 上的发言,2025年12月15日(经二手转述)", "url": None},
        ],
    },
    {
        "key": "nasa_otps",
        "id": "C3/C11",
        "claim_zh": "太空太阳能比核能更具性价比;发射成本被打穿",
        "figure_zh": ("NASA基准度电成本:RD1为每千瓦时0.61美元(610美元/兆瓦时),RD2为1.59美元(1,590美元/兆瓦时);"
                      "发射占成本71%/77%;每13次发射中有12次用于近地轨道加注以转移到地球静止轨道;"
                      "RD1质量590万千克、交付2,028.8兆瓦,容量因子0.997;RD2容量因子0.6;"
                      "效率链0.35×0.9×0.7×0.9×0.98×0.95×0.78×0.9(约为入射阳光的13%);硬件学习曲线75%;"
                      "比地面替代方案贵12–80倍"),
        "status": VERIFIED,
        "note_zh": "模型的“太空侧比质量”默认值1.1千克/千瓦、传输效率0.37和容量因子均由本报告推得。",
        "sources": [
            {"name": "NASA Office of Technology, Policy, and Strategy(OTPS), Space-Based Solar Power, 2024年1月",
             "url": NASA_OTPS_2024_URL},
        ],
    },
    {
        "key": "falcon9_cost",
        "id": "C11",
        "claim_zh": "今天的发射成本",
        "figure_zh": "猎鹰9号标价约6700万–7000万美元;近地轨道运力一次性22.8吨、可回收约17.5吨,折合约每公斤4,000美元(按可回收运力推算)",
        "status": PARTIAL,
        "note_zh": "每公斤4,000美元是推算值(标价除以可回收运力),不是SpaceX公布的价格。",
        "sources": [
            {"name": "Payload Research, Falcon 9 专用发射运力分析",
             "url": "https://payloadspace.com/underutilized-capacity-on-dedicated-customer-falcon-9-rides-payload-research"},
        ],
    },
    {
        "key": "starship_aspiration",
        "id": "C11",
        "claim_zh": "星舰的发射成本目标",
        "figure_zh": "“每公斤10美元”(《科学》杂志图表,马斯克2022年表示认可);每次发射约200万美元(马斯克,2019年);“每次飞行低于1000万美元”(2022年)。均为目标,尚未实现",
        "status": PARTIAL,
        "note_zh": "这些是愿景,不是已实现的价格。只在新闻转述中找到。",
        "sources": [
            {"name": "Benzinga 报道马斯克在 X 上的回应,2022年9月", "url": None},
            {"name": "Yahoo Finance 转载的报道(马斯克谈星舰每次发射成本,2019年)", "url": None},
        ],
    },
    {
        "key": "fission_lcoe",
        "id": "C3/C4",
        "claim_zh": "核电度电成本",
        "figure_zh": "IEA/NEA《发电成本预测》2015年版:每兆瓦时51美元(韩国)至136美元(英国);EIA AEO2022:先进核电约每兆瓦时88美元(2027年投运)",
        "status": PARTIAL,
        "note_zh": "51–136美元区间来自FORATOM对报告的摘要,摘要未说明对应的折现率;EIA数字只在二手页面中找到。",
        "sources": [
            {"name": "IEA/NEA, Projected Costs of Generating Electricity – 2015 Edition, 2015年8月",
             "url": "https://www.oecd-nea.org/jcms/pl_28612/projected-costs-of-generating-electricity"},
            {"name": "FORATOM 新闻稿, 2015年9月3日",
             "url": "https://www.foratom.org/newsfeed/"
                    "nuclear-one-of-the-cheapest-sources-of-low-carbon-electricity-according-to-iea-figures/"},
            {"name": "US EIA, Annual Energy Outlook 2022", "url": None},
        ],
    },
    {
        "key": "lazard_nuclear",
        "id": "C4",
        "claim_zh": "Lazard的核电度电成本区间",
        "figure_zh": None,
        "status": UNVERIFIED,
        "note_zh": "找到了报告,但没有取得其中的核电数字。",
        "sources": [
            {"name": "Lazard, Levelized Cost of Energy+ (LCOE+)", "url": None},
        ],
    },
    {
        "key": "fusion_lcoe",
        "id": "C5/C6",
        "claim_zh": "核聚变成功后的度电成本",
        "figure_zh": ("随机元分析(Böhnlein,2026年6月):成熟期平均度电成本为惯性约束110.3、磁约束114.6、"
                      "磁化惯性约束143.9美元/兆瓦时,但隐含学习率超过30%,作者称“相当乐观”;"
                      "IPP/PPCS/ARIES:可用率70–75%时每千瓦时5–8美分(未注明币种)"),
        "status": PARTIAL,
        "note_zh": "Böhnlein的数字只核对了摘要,且摘要是在论文聚合网站上找到的。",
        "sources": [
            {"name": "Böhnlein 等,核聚变发电成本的随机元分析(论文摘要),2026年6月", "url": None},
            {"name": "Max-Planck-Institut für Plasmaphysik(IPP),FAQ",
             "url": "https://www.ipp.mpg.de/2767856/faq7"},
        ],
    },
    {
        "key": "nif_ignition",
        "id": "C5",
        "claim_zh": "“持续 Q>1”",
        "figure_zh": "美国国家点火装置(NIF)2022年12月5日:2.05兆焦激光输入,靶增益约1.5(科学意义上的盈亏平衡)。这不是电站层面的“持续 Q>1”",
        "status": VERIFIED,
        "note_zh": "",
        "sources": [
            {"name": "Lawrence Livermore National Laboratory(LLNL),NIF 新闻",
             "url": "https://lasers.llnl.gov/news/laser-focused-power-and-finesse-drove-nifs-fusion-ignition-success"},
        ],
    },
    {
        "key": "sun_age",
        "id": "C7",
        "claim_zh": "“已经在天上稳定运行了 45 亿年的核聚变”",
        "figure_zh": "太阳与太阳系年龄约46亿年(45.68亿年)",
        "status": PARTIAL,
        "note_zh": "文中的45亿年略低于通常引用的约46亿年。数字只在科普网站和转载页面上找到。",
        "sources": [
            {"name": "astronomie.net(德语天文科普网站)", "url": None},
        ],
    },
    {
        "key": "geo_eclipse",
        "id": "C10",
        "claim_zh": "“天然是 24/7 基荷电力”",
        "figure_zh": "地球静止轨道卫星在春分、秋分前后经历地影季;地球同步轨道的SDO卫星2010年9月最长一次地影67.4分钟:接近但并非严格的24/7",
        "status": VERIFIED,
        "note_zh": "",
        "sources": [
            {"name": "NASA SDO 任务博客“SDO is GO”,2010年9月",
             "url": "https://sdoisgo.blogspot.com/2010/09/another-eclipse-season.html"},
        ],
    },
    {
        "key": "lazard_renewables",
        "id": "context",
        "claim_zh": "地面可再生能源的度电成本(参照)",
        "figure_zh": "Lazard 2025:无补贴的公用事业规模光伏每兆瓦时38–78美元,陆上风电37–86美元",
        "status": PARTIAL,
        "note_zh": "只在二手摘要中找到。",
        "sources": [
            {"name": "Lazard, Levelized Cost of Energy+ 2025(经二手摘要)", "url": None},
        ],
    },
]
