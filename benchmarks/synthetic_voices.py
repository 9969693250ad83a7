"""How different offices and topics write: the words a synthetic document uses instead of the
sample's own.

The sample documents are Jinan's and Shandong's appliance and car rules and Miluo's work
plan. Copied as they are, every synthetic document would name 泉城购, 济南市 and 家电, and a
column of 10 000 items would hold hundreds of word-for-word twins of each sample item. Real
columns are not like that: Yueyang's notice names its own city, platform and hotline; a
farm-machinery document talks about 拖拉机 and 收割机, not 冰箱; one office writes 补贴标准,
another 支持标准. A ``Voice`` is one document's choice of those words, applied to every
sentence, heading and 申兑指南 fact it takes from the sample.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

# The sample's place words and what each office says instead (longest first when applied).
# Provincial and national documents address the places below them collectively.
PLACE_WORDS = ("济南市", "济南", "山东省", "山东", "汨罗市", "汨罗", "岳阳市", "岳阳", "湖南省")


@dataclass(frozen=True)
class Office:
    """One level of government as it writes: its places, issuers, 文号 prefixes, platform."""

    level: str  # the taxonomy's level name
    slug: str
    weight: int  # documents of this level in a hundred
    places: dict[str, str]  # a sample place word → this office's
    issuers: tuple[tuple[tuple[str, ...], str], ...]  # (joint issuers, their 文号 prefix)
    signature: str
    url: str
    platform: str  # the name of where consumers claim: the sample's 泉城购
    bank: str  # the sample's 齐鲁银行: the bank that runs the claim page
    area_code: str

    @property
    def place(self) -> str:
        return self.places["济南市"]


OFFICES = (
    Office(
        "国家",
        "gj",
        10,
        {
            "济南市": "各地",
            "济南": "各地",
            "山东省": "各省（区、市）",
            "山东": "各地",
            "汨罗市": "各县（市、区）",
            "汨罗": "各地",
            "岳阳市": "各地市",
            "岳阳": "各地",
            "湖南省": "各省（区、市）",
        },
        (
            (("国务院办公厅",), "国办发"),
            (("国家发展和改革委员会", "财政部"), "发改环资"),
            (("商务部", "国家发展和改革委员会", "财政部"), "商消费发"),
            (("工业和信息化部",), "工信部规"),
            (("财政部",), "财建"),
        ),
        "国务院办公厅",
        "https://www.gov.cn/zhengce/content/",
        "以旧换新",
        "各合作银行",
        "010",
    ),
    Office(
        "湖南省",
        "hn",
        25,
        {
            "济南市": "各市州",
            "济南": "各市州",
            "山东省": "湖南省",
            "山东": "湖南",
            "汨罗市": "各县市区",
            "汨罗": "各县市区",
            "岳阳市": "各市州",
            "岳阳": "各市州",
            "湖南省": "湖南省",
        },
        (
            (("湖南省商务厅",), "湘商消费"),
            (("湖南省商务厅", "湖南省财政厅"), "湘商消费"),
            (("湖南省发展和改革委员会", "湖南省财政厅"), "湘发改环资"),
            (("湖南省工业和信息化厅",), "湘工信"),
            (("湖南省农业农村厅",), "湘农发"),
        ),
        "湖南省商务厅办公室",
        "https://swt.hunan.gov.cn/swt/hnswt/zcfg/",
        "湘当好",
        "湖南银行",
        "0731",
    ),
    Office(
        "岳阳市",
        "yy",
        20,
        {
            "济南市": "岳阳市",
            "济南": "岳阳",
            "山东省": "湖南省",
            "山东": "湖南",
            "汨罗市": "各县市区",
            "汨罗": "各县市区",
            "岳阳市": "岳阳市",
            "岳阳": "岳阳",
            "湖南省": "湖南省",
        },
        (
            (("岳阳市商务局",), "岳商发"),
            (("岳阳市人民政府办公室",), "岳政办发"),
            (("岳阳市发展和改革委员会", "岳阳市财政局"), "岳发改"),
        ),
        "岳阳市商务局",
        "https://www.yueyang.gov.cn/zwgk/zcwj/",
        "岳阳惠购",
        "岳阳农商银行",
        "0730",
    ),
    Office(
        "汨罗市",
        "ml",
        25,
        {
            "济南市": "汨罗市",
            "济南": "汨罗",
            "山东省": "湖南省",
            "山东": "湖南",
            "汨罗市": "汨罗市",
            "汨罗": "汨罗",
            "岳阳市": "岳阳市",
            "岳阳": "岳阳",
            "湖南省": "湖南省",
        },
        (
            (("汨罗市人民政府办公室",), "汨政办函"),
            (("汨罗市人民政府办公室",), "汨政办发"),
            (("汨罗市商务局",), "汨商发"),
            (("汨罗市发展和改革局", "汨罗市财政局"), "汨发改"),
            (("汨罗市工业和信息化局",), "汨工信"),
        ),
        "汨罗市人民政府办公室",
        "https://www.miluo.gov.cn/zwgk/zcwj/",
        "汨罗惠民购",
        "汨罗农商银行",
        "0730",
    ),
    Office(
        "山东省",
        "sd",
        10,
        {
            "济南市": "各市",
            "济南": "各市",
            "山东省": "山东省",
            "山东": "山东",
            "汨罗市": "各县（市、区）",
            "汨罗": "各县（市、区）",
            "岳阳市": "各市",
            "岳阳": "各市",
            "湖南省": "山东省",
        },
        (
            (("山东省商务厅",), "鲁商字"),
            (("山东省商务厅", "山东省发展和改革委员会", "山东省财政厅"), "鲁商字"),
            (("山东省发展和改革委员会", "山东省财政厅"), "鲁发改环资"),
            (("山东省市场监督管理局",), "鲁市监"),
        ),
        "山东省商务厅办公室",
        "https://commerce.shandong.gov.cn/col/col15265/",
        "爱山东",
        "齐鲁银行",
        "0531",
    ),
    Office(
        "济南市",
        "jn",
        10,
        {
            "济南市": "济南市",
            "济南": "济南",
            "山东省": "山东省",
            "山东": "山东",
            "汨罗市": "各区县",
            "汨罗": "各区县",
            "岳阳市": "济南市",
            "岳阳": "济南",
            "湖南省": "山东省",
        },
        (
            (("济南市商务局",), "济商务字"),
            (("济南市商务局", "济南市财政局"), "济商务字"),
            (("济南市发展和改革委员会",), "济发改"),
            (("济南市市场监督管理局",), "济市监"),
        ),
        "济南市商务局办公室",
        "http://jnsw.jinan.gov.cn/col/col29512/",
        "泉城购",
        "齐鲁银行",
        "0531",
    ),
)

# What the sample's appliance and car words become in a document of another subject.
APPLIANCES = ("家电", "冰箱", "洗衣机", "电视", "空调", "电脑", "热水器", "吸油烟机")
CARS = ("新能源汽车", "燃油车", "乘用车", "购车", "汽车", "新车")
EQUIPMENT = {
    "家电": "设备",
    "冰箱": "数控机床",
    "洗衣机": "工业机器人",
    "电视": "检测设备",
    "空调": "节能电机",
    "电脑": "工业软件",
    "热水器": "锅炉",
    "吸油烟机": "除尘设备",
    "新能源汽车": "高端装备",
    "燃油车": "老旧设备",
    "乘用车": "生产设备",
    "购车": "购置设备",
    "汽车": "装备",
    "新车": "新设备",
    "家电以旧换新": "设备更新",
    "以旧换新": "设备更新",
}
# Subjects whose documents are for the public (their clauses read like the sample's subsidy
# rules); the others are work plans and programmes for enterprises.
PUBLIC_PRODUCTS = {"appliances", "cars", "ebikes", "home", "digital", "elderly"}
PRODUCTS: dict[str, dict[str, str]] = {
    "appliances": {
        "新能源汽车": "一级能效家电",
        "燃油车": "旧家电",
        "乘用车": "家电产品",
        "购车": "购买家电",
        "汽车": "家电",
        "新车": "新家电",
    },
    "cars": {
        "家电以旧换新": "汽车以旧换新",
        "家电": "汽车",
        "冰箱": "新能源汽车",
        "洗衣机": "燃油车",
        "电视": "二手车",
        "空调": "乘用车",
        "电脑": "车载设备",
        "热水器": "充电桩",
        "吸油烟机": "汽车配件",
    },
    "ebikes": {
        "家电": "电动自行车",
        "冰箱": "新国标电动自行车",
        "洗衣机": "电动自行车电池",
        "电视": "头盔",
        "空调": "充电器",
        "新能源汽车": "新国标电动自行车",
        "燃油车": "老旧电动自行车",
        "乘用车": "电动自行车",
        "购车": "购买新车",
        "汽车": "电动自行车",
    },
    "home": {
        "家电": "家装厨卫产品",
        "冰箱": "智能马桶",
        "洗衣机": "淋浴房",
        "电视": "橱柜",
        "空调": "地板",
        "热水器": "卫浴五金",
        "新能源汽车": "智能家居",
        "燃油车": "旧厨卫",
        "乘用车": "家居产品",
        "购车": "家装消费",
        "汽车": "家装",
    },
    "digital": {
        "家电": "数码产品",
        "冰箱": "手机",
        "洗衣机": "平板电脑",
        "电视": "智能手表",
        "空调": "智能手环",
        "新能源汽车": "智能手机",
        "燃油车": "旧手机",
        "乘用车": "数码产品",
        "购车": "购新",
        "汽车": "数码产品",
    },
    "equipment": EQUIPMENT,
    "farm": {
        "家电": "农机",
        "冰箱": "拖拉机",
        "洗衣机": "插秧机",
        "电视": "植保无人机",
        "空调": "联合收割机",
        "新能源汽车": "新能源农机",
        "燃油车": "老旧农机",
        "乘用车": "农业机械",
        "购车": "购机",
        "汽车": "农业机械",
        "新车": "新机具",
        "家电以旧换新": "农机报废更新",
        "以旧换新": "报废更新",
    },
    "trucks": {
        "家电": "营运货车",
        "冰箱": "国三柴油货车",
        "洗衣机": "新能源货车",
        "电视": "冷藏车",
        "空调": "牵引车",
        "新能源汽车": "新能源货车",
        "燃油车": "柴油货车",
        "乘用车": "营运货车",
        "购车": "购置新车",
        "汽车": "货车",
        "家电以旧换新": "营运货车报废更新",
        "以旧换新": "报废更新",
    },
    "recycling": {
        "家电": "废旧物资",
        "冰箱": "废钢铁",
        "洗衣机": "废塑料",
        "电视": "废纸",
        "空调": "废有色金属",
        "新能源汽车": "动力电池",
        "燃油车": "报废机动车",
        "乘用车": "报废机动车",
        "购车": "交售",
        "汽车": "报废机动车",
    },
    "elderly": {
        "家电": "适老化产品",
        "冰箱": "护理床",
        "洗衣机": "助浴椅",
        "电视": "智能手环",
        "空调": "扶手",
        "新能源汽车": "电动轮椅",
        "燃油车": "旧家具",
        "乘用车": "适老化产品",
        "购车": "适老化改造",
        "汽车": "适老化改造",
    },
    "trade": {
        "家电": "商品",
        "冰箱": "餐饮",
        "洗衣机": "住宿",
        "电视": "文旅产品",
        "空调": "体育用品",
        "新能源汽车": "绿色商品",
        "燃油车": "传统商超",
        "乘用车": "商品",
        "购车": "消费",
        "汽车": "商贸",
    },
}

# Ways offices word the same thing: each document picks one of each group for all its text.
WORDINGS: tuple[tuple[str, ...], ...] = (
    ("补贴标准", "支持标准", "补助标准", "补贴范围及标准", "补贴额度"),
    ("申报材料", "申请材料", "所需材料", "申报资料"),
    ("客服电话", "咨询电话", "服务热线", "联系电话"),
    ("补贴资格", "补贴名额", "消费券资格", "补贴资格"),
    ("参与企业", "活动企业", "参与商户", "参与企业"),
    ("领取", "申领", "领取"),
    ("申报截止", "申请截止", "申报截止"),
    ("先行垫付", "垫付", "先行垫付"),
    ("闭环管理", "全流程管理", "闭环管理"),
    ("资金管理", "资金使用管理", "资金监管", "资金管理"),
    ("核查", "抽查", "检查", "核查"),
    ("审核公示", "审核公布", "审核公示"),
    ("送装", "配送安装", "送货安装"),
    ("投诉渠道", "投诉途径", "投诉方式"),
)


@dataclass
class Voice:
    """One document's words: its office's places and platform, its subject's products, its
    wording; ``apply`` rewrites a sample text in them."""

    office: Office
    products: dict[str, str]
    hotline: str
    wording: dict[str, str]
    kind: str  # "public" or "plan": which sample clauses its 申兑指南 facts come from
    goods: str  # whose products it names (a key of PRODUCTS): cars take the car subsidy's facts

    def __post_init__(self) -> None:
        self.words = (
            dict(self.office.places)
            | {"泉城购": self.office.platform, "齐鲁银行": self.office.bank}
            | {"4006096588": self.hotline}
            | self.products
            | self.wording
        )
        words = sorted(self.words, key=len, reverse=True)
        self.pattern = re.compile("|".join(re.escape(word) for word in words))

    def apply(self, text: str) -> str:
        return self.pattern.sub(lambda match: self.words[match.group()], text)


def pick_office(rng: random.Random) -> Office:
    return rng.choices(OFFICES, weights=[office.weight for office in OFFICES])[0]


def make_voice(rng: random.Random, office: Office, products: str) -> Voice:
    """A document's voice: its office, its subject's products, a hotline and a wording."""
    hotline = rng.choice([f"400{rng.randint(1000000, 9999999)}", f"{office.area_code}12345"])
    wording = {}
    for group in WORDINGS:
        choice = rng.choice(group)
        if choice != group[0]:
            wording[group[0]] = choice
    kind = "public" if products in PUBLIC_PRODUCTS else "plan"
    return Voice(office, PRODUCTS[products], hotline, wording, kind, products)
