"""What the public record says about Essay 4's premises (MODELS.md §4.9).

One entry per row of the spec's public-record table, so a pull request can
correct a figure or a source in one place. Sources follow MODELS.md §0.8: only
primary publishers (or well-known primary addresses) are linked. The spec found
several of these figures on a mirror of Google's help centre, SEO blogs and a
content farm; those are never linked. Where the primary's own address is well
known (Google's help-centre article, Alphabet's investor-relations site) it is
linked instead; otherwise the publisher and date are named without a link and
the status is "partial".

The spec's "scale" row has no claim number; it bears on the essay's remark that
few products reach this many users and on C8 ("也未必有足够的用户"), so its id
is "C8". `key` is unique per entry.
"""

#: Google's help-centre article "Learn how NotebookLM protects your data"
#: (the spec quotes it from a mirror that reproduces this article number).
NOTEBOOKLM_PRIVACY_URL = "https://support.google.com/notebooklm/answer/15724963"

#: 36Kr's report of SimilarWeb traffic data for NotebookLM (a news publisher).
KR36_TRAFFIC_URL = "https://eu.36kr.com/en/p/3037397427777540"

#: Alphabet's investor-relations site, where its quarterly earnings releases live.
ALPHABET_IR_URL = "https://abc.xyz/investor/"

#: Google's stated policy: content is not used for training (except feedback the
#: user chooses to send). If that holds, `signal_share` is close to zero.
TRAINING_POLICY_SIGNAL_SHARE_NOTE_ZH = (
    "按谷歌公布的政策,除用户主动提交的反馈外,NotebookLM 的内容不用于训练模型:"
    "若属实,“转化为高信噪比认知轨迹的使用比例”接近0,飞轮转不起来。")

PUBLIC_RECORD = [
    {
        "id": "C4",
        "key": "C4_training_policy",
        "claim_zh": "用户在 NotebookLM 里的研究过程会成为谷歌海量、不断更新的高质量训练数据",
        "figure_zh": ("谷歌的 NotebookLM 隐私说明写道:“我们重视您的隐私,绝不会使用您的个人数据"
                      "训练 NotebookLM。”个人账号只有在用户主动提交反馈时,人工审核员才可能查看"
                      "相关的提问、上传内容和回答;Google Workspace 与教育版用户的上传内容、"
                      "提问和回答不会被人工审核,也不会用于训练 AI 模型。"
                      "这与文章“用户的研究轨迹会变成训练数据”的核心前提相冲突。"),
        "status": "verified",
        "note_zh": ("另据一份独立的政策摘要(所记政策更新日期为2026年5月26日):除非用户提交反馈,"
                    "内容不会被直接用于训练基础模型;反馈数据最多保留3年。该摘要属二手资料,不予链接。"),
        "sources": [
            {"name": "Google NotebookLM 帮助中心《Learn how NotebookLM protects your data》"
                     "(谷歌官方说明;未标注日期,独立摘要记录的政策更新日期为2026年5月26日)",
             "url": NOTEBOOKLM_PRIVACY_URL},
        ],
    },
    {
        "id": "C1",
        "key": "C1_pricing",
        "claim_zh": "谷歌以“相当低廉的定价”提供 NotebookLM",
        "figure_zh": ("提供免费版;付费版通过 Google AI 套餐(Plus/Pro/Ultra)、Google Workspace "
                      "或 Google Cloud 提供。具体价格未核实。"),
        "status": "partial",
        "note_zh": "套餐结构只在第三方博客的转述中找到,价格本身未能核实,因此不给出价格数字。",
        "sources": [
            {"name": "Google NotebookLM / Google AI 套餐说明(经第三方博客转述,2025年;未链接)",
             "url": None},
        ],
    },
    {
        "id": "C8",
        "key": "C8_scale",
        "claim_zh": "这样的产品很少,尤其考虑到用户数量;对手“也未必有足够的用户”",
        "figure_zh": ("NotebookLM 网站2024年10月访问量约920万次(SimilarWeb 数据,36氪报道);"
                      "Gemini 应用月活跃用户超过7.5亿(Alphabet 2025年第四季度)。"),
        "status": "partial",
        "note_zh": ("访问量是网站访问次数,不是用户数;Gemini 应用的用户数不等于 NotebookLM 的用户数。"
                    "Alphabet 的数字只在二手报道中找到,此处链接 Alphabet 投资者关系网站。"),
        "sources": [
            {"name": "36氪(引用 SimilarWeb 数据),2024年", "url": KR36_TRAFFIC_URL},
            {"name": "Alphabet 2025年第四季度业绩发布(2026年初)", "url": ALPHABET_IR_URL},
        ],
    },
    {
        "id": "C3",
        "key": "C3_inference_cost",
        "claim_zh": "“多跑几轮推理,算力成本有限”",
        "figure_zh": None,
        "status": "unverified",
        "note_zh": "未找到 NotebookLM 每用户推理成本的公开数字。",
        "sources": [],
    },
]
