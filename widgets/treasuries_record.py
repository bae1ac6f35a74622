"""What the public record says about Essay 3's figures (MODELS.md §3.8).

One entry per row of the spec's public-record table, so a pull request can
correct a figure or a source in one place. Sources follow MODELS.md §0.8: only
primary publishers (or well-known primary addresses) are linked. Figures the
spec found only on content farms, mirrors, machine-written Q&A pages or SEO
blogs name the publisher and date without a link and carry the status
"partial".

Entries share the essay's claim id where several public figures bear on the
same claim ("C1+C2" appears three times; rows about the model's own parameters
use "model"); `key` is unique per entry.
"""

#: TIC "Major Foreign Holders", Dec 2025, USD bn, all sectors, by custody location.
TIC_EUROPE_TOP7_B = (
    ("英国", 863.1),
    ("比利时", 477.3),
    ("卢森堡", 434.2),
    ("法国", 368.9),
    ("爱尔兰", 340.7),
    ("瑞士", 294.1),
    ("挪威", 208.1),
)

#: Deutsche Bank (G. Saravelos, Jan 2026): Europe's US bonds AND equities, USD bn.
DEUTSCHE_BANK_BONDS_AND_EQUITIES_B = 8000.0

#: Turkey 2018: 5-year CDS 176bp (16 Mar) → 586bp (13 Aug), i.e. +410bp.
TURKEY_2018_CDS_FROM_BP = 176
TURKEY_2018_CDS_TO_BP = 586

#: Beltran et al. (2012): long-run 5y yield rise per $100bn less foreign official inflow, bp.
BELTRAN_LONG_RUN_BP_PER_100B = 20

TIC_URL = ("https://ticdata.treasury.gov/resource-center/data-chart-center/tic/"
           "Documents/slt%5Ftable5.html")
CRS_URL = ("https://www.everycrsreport.com/changes/2025-05-23_RS22331_"
           "14d7d7a44a6f940f863a68cf786aa3b0b14304ba__2026-04-22_RS22331_"
           "782b7a44e9cbb478e1756860516a46ffa4d2ecf1.html")
FED_IFDP_URL = "https://www.federalreserve.gov/pubs/ifdp/2012/1041/default.htm"
EUROSTAT_URL = "https://ec.europa.eu/eurostat/product?code=2-21102025-ap"
REUTERS_CDS_2018_URL = ("https://www.reuters.com/article/turkey-cds-bonds/"
                        "turkey-5-yr-cds-leap-135-bps-as-lira-selloff-continues-idUSS8N1RT03E")
REUTERS_CDS_ECONOMY_URL = ("https://www.reuters.com/article/turkey-cds-debt/"
                           "turkish-5-year-cds-hit-1-month-high-on-economy-syria-concerns-idUSL9N1GS03D")
AHVAL_LIRA_2018_URL = ("https://ahvalnews.com/turkish-lira/"
                       "turkish-lira-dives-20-crisis-trump-levels-sanctions")
NASDAQ_S400_URL = ("https://www.nasdaq.com/article/"
                   "turkish-lira-slides-over-possible-us-sanctions-after-s400-delivery-20190712-00403")
NASDAQ_F35_URL = ("https://www.nasdaq.com/article/"
                  "turkish-lira-firm-shrugs-off-ankaras-removal-from-f35-programme-20190718-00055")

PUBLIC_RECORD = [
    {
        "id": "C1+C2",
        "key": "C1C2_tic_major_holders",
        "claim_zh": "欧洲官方与民间合计持有约6–7.5万亿美元美债",
        "figure_zh": ("美国财政部TIC“主要外国持有者”表(2025年12月,全部部门,按托管地统计):"
                      "英国8631亿、比利时4773亿、卢森堡4342亿、法国3689亿、爱尔兰3407亿、"
                      "瑞士2941亿、挪威2081亿美元,七地合计约2.99万亿美元(推算)。"
                      "文中的6–7.5万亿美元约为TIC所示欧洲最大持有地合计的2–2.5倍。"),
        "status": "partial",
        "note_zh": ("各国数字已核实;合计为推算,德国、荷兰等其他欧洲持有者未检索。"
                    "比利时、卢森堡和英国的数字包含替非欧洲投资者托管的持仓。"
                    "TIC不按国家公布官方/民间的拆分。"),
        "sources": [
            {"name": "美国财政部 TIC,Major Foreign Holders of Treasury Securities,2025年12月数据",
             "url": TIC_URL},
        ],
    },
    {
        "id": "C1+C2",
        "key": "C1C2_total_foreign_and_public_debt",
        "claim_zh": "欧洲持有美债的规模(对照:全部外国持有与公众持有国债)",
        "figure_zh": "全部外国投资者持有美债约9.2万亿美元(2025年12月);公众持有的美国国债为30.1万亿美元。",
        "status": "verified",
        "note_zh": "",
        "sources": [
            {"name": "美国国会研究处(CRS)报告 RS22331《Foreign Holdings of Federal Debt》,2026年4月版",
             "url": CRS_URL},
        ],
    },
    {
        "id": "C1+C2",
        "key": "C1C2_deutsche_bank_8tn",
        "claim_zh": "“欧洲可以抛售美债”说法的数字来源",
        "figure_zh": ("德意志银行(George Saravelos,2026年1月):欧洲国家持有约8万亿美元的"
                      "美国债券和股票。这很可能是“欧洲可以抛售”叙事的出处,但它并不只是美债。"),
        "status": "partial",
        "note_zh": "研究报告本身未公开;此数字只在多篇二手报道中找到,故不附链接。",
        "sources": [
            {"name": "德意志银行外汇研究(George Saravelos),2026年1月,经媒体转述", "url": None},
        ],
    },
    {
        "id": "C4",
        "key": "C4_akademikerpension",
        "claim_zh": "民间资金几乎不可能被政治动员",
        "figure_zh": ("丹麦养老基金AkademikerPension(管理资产约250亿美元)2026年1月表示将清仓"
                      "其约1亿美元的美债:这就是现实中“政治性抛售”的规模。"),
        "status": "partial",
        "note_zh": "只在二手报道中找到,故不附链接。",
        "sources": [
            {"name": "AkademikerPension 公开表态,2026年1月,经媒体转述", "url": None},
        ],
    },
    {
        "id": "model",
        "key": "model_beltran_price_impact",
        "claim_zh": "模型参数:每抛售1000亿美元带来的美债收益率上升",
        "figure_zh": ("Beltran、Kretchmer、Marquez、Thomas(美联储国际金融讨论文件IFDP 1041,2012年):"
                      "外国官方月度流入减少1000亿美元,5年期收益率短期上升40–60个基点,长期约20个基点。"),
        "status": "verified",
        "note_zh": "模型默认值取长期效应(20个基点)。",
        "sources": [
            {"name": "美联储理事会,International Finance Discussion Papers 1041,2012年",
             "url": FED_IFDP_URL},
        ],
    },
    {
        "id": "model",
        "key": "model_us_maturing",
        "claim_zh": "模型参数:美国每年到期需再融资的国债",
        "figure_zh": ("2025年约有9.2万亿美元可流通国债到期(其他估计为7–7.6万亿美元);"
                      "加权平均期限约72个月。"),
        "status": "partial",
        "note_zh": "只在二手汇总中找到,故不附链接。",
        "sources": [
            {"name": "Unusual Whales 博客文章,2025年(二手汇总)", "url": None},
            {"name": "Unmuteit 文章,2025年(二手汇总)", "url": None},
        ],
    },
    {
        "id": "model",
        "key": "model_eu_debt",
        "claim_zh": "模型参数:欧洲政府债务总额",
        "figure_zh": ("欧盟统计局:2024年欧元区政府债务13.26万亿欧元;欧盟债务率为GDP(18.02万亿欧元)的80.7%,"
                      "即约14.5万亿欧元(推算),按1.08汇率约合15.7万亿美元(推算)。"),
        "status": "verified",
        "note_zh": "新闻稿数字已核实;欧盟总额与美元换算为推算。",
        "sources": [
            {"name": "欧盟统计局(Eurostat)新闻稿,2025年10月21日", "url": EUROSTAT_URL},
        ],
    },
    {
        "id": "model",
        "key": "model_eu_repricing",
        "claim_zh": "模型参数:欧洲政府债务每年再融资规模(默认3.0万亿美元)",
        "figure_zh": None,
        "status": "unverified",
        "note_zh": "未找到公开数字,默认值是模型假设。",
        "sources": [],
    },
    {
        "id": "C6/C7",
        "key": "C6C7_turkey_2018",
        "claim_zh": "美国制裁令土耳其国家风险被重新定价(里拉急贬、收益率上升、CDS扩大)",
        "figure_zh": ("大幅重新定价发生在2018年而非2019年:美国因布伦森牧师案实施制裁并将钢铝关税翻倍后,"
                      "里拉从年初的3.76跌至2018年8月10日的6.43(约−40%);5年期CDS从176个基点"
                      "(2018年3月16日)升至586个基点(2018年8月13日,IHS Markit),9月有566个基点的纪录引用;"
                      "本币10年期国债收益率从半年前的11.63%升至20.96%(2018年8月17日)。"),
        "status": "verified",
        "note_zh": "收益率数字来自二手数据汇总,未附链接。模型的报复利差默认值(+400个基点)按此校准。",
        "sources": [
            {"name": "路透社,土耳其5年期CDS随里拉抛售跳升135个基点(当时报道)", "url": REUTERS_CDS_2018_URL},
            {"name": "路透社,土耳其5年期CDS因经济与叙利亚担忧升至一个月高位", "url": REUTERS_CDS_ECONOMY_URL},
            {"name": "Ahval 新闻,里拉在特朗普制裁后暴跌,2018年8月", "url": AHVAL_LIRA_2018_URL},
        ],
    },
    {
        "id": "C6",
        "key": "C6_turkey_2019_s400",
        "claim_zh": "2019年因S-400禁售F-35就“立即”让市场重新定价土耳其风险",
        "figure_zh": ("2019年7月12日S-400交付当天里拉下跌1.3%至5.76;7月17日宣布将土耳其移出F-35项目,"
                      "7月18日“里拉走稳,对此不以为意”。针对土耳其国防工业局(SSB)的CAATSA制裁"
                      "直到2020年12月14日才出台。公开记录不支持“2019年F-35措施导致立即重新定价”的说法。"),
        "status": "verified",
        "note_zh": ("2019年12月土耳其5年期CDS约306个基点、10年期收益率约12.6%,均低于2018年"
                    "(二手数据汇总,未附链接)。"),
        "sources": [
            {"name": "Nasdaq(RTTNews),里拉在S-400交付后下跌,2019年7月12日", "url": NASDAQ_S400_URL},
            {"name": "Nasdaq(RTTNews),里拉走稳、无视被移出F-35项目,2019年7月18日",
             "url": NASDAQ_F35_URL},
            {"name": "美国国务院,CAATSA第231条对土耳其国防工业局的制裁声明,2020年12月14日",
             "url": None},
        ],
    },
]
