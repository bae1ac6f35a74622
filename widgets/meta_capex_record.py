"""What the public record says about Essay 1's claims (MODELS.md §1.8, §0.8).

One place for every figure's wording, status and sources, so a pull request
can correct a source without touching the model or the templates.

Source policy (§0.8): only primary publishers (or addresses explicitly allowed
by §0.8, such as nasdaq.com) are linked. The spec found most of these figures
in secondary summaries (finviz mirrors, news aggregators, SEO blogs); those are
never linked. Where a figure rests on such summaries only, the entry names the
primary publisher and document, links the publisher's well-known investor
relations address at most, and carries status "partial".

Entries share the claim id of §1.1 (C1…C9); a claim with two public figures
(C2, C6) has two entries with the same id, in the spec's order.
"""

#: Well-known investor-relations addresses of the primary publishers.
META_IR = "https://investor.atmeta.com/"
ALPHABET_IR = "https://abc.xyz/investor/"
MICROSOFT_IR = "https://www.microsoft.com/en-us/investor"
AMAZON_IR = "https://ir.aboutamazon.com/"

#: The one secondary address the spec lists that §0.8 allows (nasdaq.com).
NASDAQ_MSFT_CAPEX = ("https://www.nasdaq.com/articles/"
                     "msft-stock-vulnerable-rising-capex-pressure-ai-spending")

PUBLIC_RECORD = [
    {
        "id": "C1",
        "claim_zh": "2026年资本开支计划1150–1350亿美元",
        "figure_zh": "Meta随2025年第四季度财报(2026年1月28日)给出2026年资本开支指引"
                     "1150–1350亿美元(含融资租赁本金支付)。",
        "status": "partial",
        "note_zh": "与文中数字一致。数字见于多家媒体对财报的报道;本页未直接核对财报原文。",
        "sources": [
            {"name": "Meta 2025年第四季度及全年财报新闻稿,2026年1月28日", "url": META_IR},
        ],
    },
    {
        "id": "C2",
        "claim_zh": "此前资本开支“700多亿”,再提高50%",
        "figure_zh": "Meta 2025财年资本开支722.2亿美元(2025年10月曾把全年指引从660–720亿"
                     "上调至700–720亿美元)。2026年指引中值比2025年高约73%(推算)。",
        "status": "partial",
        "note_zh": "“700多亿”与722亿相符;按中值计算增幅约73%,"
                   "“提高50%”只能理解为“至少50%”。",
        "sources": [
            {"name": "Meta 2025年第四季度及全年财报新闻稿,2026年1月28日", "url": META_IR},
            {"name": "Meta 2025年第三季度财报新闻稿,2025年10月29日", "url": META_IR},
        ],
    },
    {
        "id": "C2",
        "claim_zh": "更早一年(2024年)的资本开支",
        "figure_zh": "Meta 2024财年资本开支373亿或392亿美元(两处来源不一致,"
                     "差别可能在于是否计入融资租赁)。",
        "status": "partial",
        "note_zh": "仅见于二手摘要,且两处数字不一致。",
        "sources": [
            {"name": "Meta 2024年第四季度及全年财报新闻稿,2025年1月", "url": META_IR},
        ],
    },
    {
        "id": "C3",
        "claim_zh": "资本开支“几乎相当于全年自由现金流”",
        "figure_zh": "Meta 2025财年经营活动现金流1158.0亿美元,自由现金流435.9亿美元。",
        "status": "partial",
        "note_zh": "仅见于对年报的二手摘要。1150–1350亿美元接近的是经营现金流(资本开支前),"
                   "而不是自由现金流。",
        "sources": [
            {"name": "Meta 2025财年10-K年报 / 2025年第四季度财报新闻稿,2026年1月", "url": META_IR},
        ],
    },
    {
        "id": "C5",
        "claim_zh": "市场预测谷歌2026年资本开支超过1000亿",
        "figure_zh": "Alphabet于2026年2月4日给出2026年资本开支指引1750–1850亿美元,"
                     "2025年为914亿美元;指引公布前分析师一致预期约1150–1195亿美元。",
        "status": "partial",
        "note_zh": "数字见于多家媒体对财报的报道;本页未直接核对财报原文。",
        "sources": [
            {"name": "Alphabet 2025年第四季度及全年财报,2026年2月4日", "url": ALPHABET_IR},
        ],
    },
    {
        "id": "C6",
        "claim_zh": "微软“季度几十亿”的资本开支",
        "figure_zh": "微软2026财年第二季度(2025年10–12月)资本开支(含融资租赁)375亿美元,"
                     "2026财年上半年合计724亿美元。",
        "status": "verified",
        "note_zh": "文中的“季度几十亿”比公开数据低约7–10倍,应读作“几百亿”。",
        "sources": [
            {"name": "Nasdaq.com 关于微软资本开支压力的报道,2026年", "url": NASDAQ_MSFT_CAPEX},
            {"name": "Microsoft 2026财年第二季度财报,2026年1月", "url": MICROSOFT_IR},
        ],
    },
    {
        "id": "C6",
        "claim_zh": "亚马逊“季度几十亿”的资本开支",
        "figure_zh": "亚马逊计划2026年资本开支约2000亿美元;2025年约1310亿美元"
                     "(另有来源称1250亿美元)。",
        "status": "partial",
        "note_zh": "2026年金额见于多家媒体对财报的报道,2025年基数各处不一。"
                   "文中的“季度几十亿”比公开数据低约7–10倍,应读作“几百亿”。",
        "sources": [
            {"name": "Amazon 2025年第四季度财报,2026年2月5日", "url": AMAZON_IR},
        ],
    },
    {
        "id": "C7",
        "claim_zh": "阿莫代伊:今年是模型的递归自我迭代之年",
        "figure_zh": "据二手报道,阿莫代伊2026年1月在达沃斯称完全自动化的递归自我改进"
                     "可能在6–12个月内出现;Anthropic 2026年6月的文章《When AI builds itself》"
                     "则称“我们还没到那一步”。",
        "status": "partial",
        "note_zh": "仅见于二手摘要,未找到原始讲话记录。",
        "sources": [
            {"name": "世界经济论坛2026年年会(达沃斯),Dario Amodei发言,2026年1月", "url": None},
            {"name": "Anthropic,《When AI builds itself》,2026年6月", "url": None},
        ],
    },
]

