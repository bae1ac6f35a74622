"""What the public record says about Essay 2's figures (MODELS.md §2.8).

One entry per row of the spec's public-record table, so a pull request can
correct a figure or a source in one place. Sources follow MODELS.md §0.8: only
primary publishers (or well-known primary addresses) are linked; figures the
spec found only on content farms, mirrors or SEO pages name the publisher and
date without a link and carry the status "partial".

Entries share the essay's claim id ("C6" appears twice: two public figures
bear on the same claim); `key` is unique per entry.
"""

#: Bruegel/Kiel estimate of Europe's extra yearly defence need (€250bn/yr) in USD bn/yr,
#: as the spec converts it ("€250bn ≈ $260bn", derived).
BRUEGEL_KIEL_USD_BN = 260

#: IISS: replacing key US capabilities costs about $1tn over 25 years.
IISS_TOTAL_USD_BN = 1000
IISS_YEARS = 25

#: Taxpayers with positive federal income-tax liability, tax year 2022 (millions, derived).
PAYING_RETURNS_2022_M = 110.6

NTU_URL = "https://ntu.org/foundation/detail/who-doesnt-pay-income-taxes-tax-year-2022"
BRUEGEL_URL = "https://www.bruegel.org/newsletter/how-can-europe-defend-itself-without-us"
NATO_FUNDING_URL = "https://www.nato.int/cps/en/natohq/topics_67655.htm"
CRS_URL = "https://www.everycrsreport.com/reports/RL30150.html"

PUBLIC_RECORD = [
    {
        "id": "C4",
        "key": "C4_paying_taxpayers",
        "claim_zh": "约1.6亿名实际缴纳联邦所得税的美国纳税人",
        "figure_zh": ("2022纳税年度共提交1.613亿份个人所得税申报表,其中5070万份(31.4%)"
                      "无需缴纳联邦所得税,真正有应纳税额的约1.106亿份(推算)。"
                      "文中的“1.6亿”对应的是申报总数,而不是实际缴税的人数。"),
        "status": "verified",
        "note_zh": ("另据税收政策中心(TPC)估计,2022年约40%的家庭(7250万户)未缴联邦所得税;"
                    "这一条只在二手转述中找到,属部分核实。"),
        "sources": [
            {"name": "National Taxpayers Union Foundation,《Who Doesn't Pay Income Taxes? "
                     "Tax Year 2022》(整理自美国国税局 IRS SOI 数据)",
             "url": NTU_URL},
            {"name": "Tax Policy Center(城市研究所–布鲁金斯学会税收政策中心),2022年家庭纳税估计",
             "url": None},
        ],
    },
    {
        "id": "C3",
        "key": "C3_systemic_cost",
        "claim_zh": "美国每年为欧洲安全承担1000–2000亿美元体系性成本",
        "figure_zh": None,
        "status": "unverified",
        "note_zh": "未找到对这一“体系性成本”的公开估算。",
        "sources": [],
    },
    {
        "id": "C9",
        "key": "C9_alliance_benefits",
        "claim_zh": "同盟体系每年为美国带来2000–2500亿美元收益",
        "figure_zh": None,
        "status": "unverified",
        "note_zh": "未找到对同盟体系给美国带来收益的公开估算。",
        "sources": [],
    },
    {
        "id": "C6",
        "key": "C6_bruegel_kiel",
        "claim_zh": "欧洲自建等效能力的年化成本至少2000–3000亿美元",
        "figure_zh": ("布鲁盖尔研究所与基尔世界经济研究所(2025年2月)估计:没有美国,"
                      "欧洲每年需多支出约2500亿欧元(约2600亿美元,推算),"
                      "国防开支升至GDP的3.5%左右,并增加约30万兵力。"),
        "status": "verified",
        "note_zh": "",
        "sources": [
            {"name": "Bruegel 通讯《How can Europe defend itself without the US?》,2025年2月"
                     "(与基尔世界经济研究所的联合估算)",
             "url": BRUEGEL_URL},
        ],
    },
    {
        "id": "C6",
        "key": "C6_iiss",
        "claim_zh": "欧洲自建等效能力的年化成本至少2000–3000亿美元",
        "figure_zh": ("国际战略研究所(IISS,2025年5月)估计:欧洲替代美国关键能力"
                      "25年内约需1万亿美元,平均每年约400亿美元(推算)。"),
        "status": "partial",
        "note_zh": "只在二手报道的引述中找到,未核对报告原文,因此不附链接。",
        "sources": [
            {"name": "IISS《Defending Europe Without the United States: Costs and "
                     "Consequences》,2025年5月",
             "url": None},
        ],
    },
    {
        "id": "C2",
        "key": "C2_common_funding",
        "claim_zh": "各国按国民收入比例缴纳极小规模的北约共同预算;美国每年超额支付",
        "figure_zh": ("北约共同经费2025年约46亿欧元(2026年最多53亿欧元),"
                      "美国与德国各承担约15–16%;共同经费约占盟国国防总开支的0.3%"
                      "(2023年为33亿欧元)。美国国会研究处:2010–2012年美国份额为22–25%。"),
        "status": "partial",
        "note_zh": "分摊比例按国民总收入计算;具体金额与比例来自对北约数据的二手汇总。",
        "sources": [
            {"name": "NATO,“Funding NATO”专题页(按国民总收入分摊的共同经费制度)",
             "url": NATO_FUNDING_URL},
            {"name": "美国国会研究处(CRS)报告 RL30150《NATO Common Funds Burdensharing: "
                     "Background and Current Issues》,2012年",
             "url": CRS_URL},
        ],
    },
    {
        "id": "C1",
        "key": "C1_two_percent",
        "claim_zh": "“军费占GDP的2%”只是一项最低政治承诺",
        "figure_zh": ("2024年32个盟国中预计有23个达到GDP的2%(2021年仅6个);"
                      "另有2025年的报道称所有盟国均已达到2%,其中三国达到3.5%。"),
        "status": "partial",
        "note_zh": "只在新闻转述中找到,未核对北约年度国防开支报告原文,因此不附链接。",
        "sources": [
            {"name": "NATO《Defence Expenditure of NATO Countries (2014–2024)》,2024年6月",
             "url": None},
            {"name": "NATO 年度国防开支数据,2025年", "url": None},
        ],
    },
]
