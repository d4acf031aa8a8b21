// Command gentables writes issues/freq_table.go: the sets of frequent Han
// characters and Hangul syllables the encoding detector scores against.
//
// The simplified list is the head of a modern Chinese character frequency
// ranking (news and general prose, in the order of Jun Da's Modern Chinese
// Character Frequency List); its Traditional and Japanese forms are derived
// with OpenCC (s2t and s2tw), and a short list of kanji frequent in
// Japanese news (in their Japanese forms) and a list of frequent Hangul syllables are added by hand.
//
// Run with `go generate ./issues`.
package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/longbridgeapp/opencc"

	"bao/internal/tablegen"
)

const simplified = `的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱援译夺汽烧距裁偏符勇触课敬哭懂墙袭召罚侠厅拜巧侧韩冒债曼融惯享戴童犹乘挂奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗杜奶季丹狗尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍码赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢赖圈摸仰润堆碰艇稍迟辆废净凶署壁御奉旋冬矿抬蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘耐凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉蒂返井壮薄悄扫敏碍殖详迪矛霍允幅撒剩凯颗骂赏液番箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘键伍峰尺昨黎辈贯侦滑券崇扰宪绕趋慈乔阅汗枝拖墨胁插箭腊粉泥氏彭拔骗凤慧媒佩愤扑龄驱惜豪掩兼跃尸肃帕驶堡届欣惠册储飘桑闲惨洁踪勃宾频仇磨递邪撞拟滚奏巡颜剂绩贡疯坡瞧截燃焦殿伪柳锁逼颇昏劝呈搜勤戒驾漂饮曹朵仔柔俩孟腐幼践籍牧凉牲佳娜浓芳稿竹腹跌逻垂遵脉貌柏狱猜怜惑陶兽帐饰贷昌叙躺钢沟寄扶铺邓寿惧询汤盗肥尝匆辉奈扣廷澳嘛董迁凝慰厌脏腾幽怨鞋丢埋泉涌辖躲晋紫艰魏吾慌祝邮吐狠鉴曰械咬邻赤挤弯椅陪割揭韦悟聪雾锋梯猫祥阔誉筹丛牵鸣沈阁穆屈旨袖猎臂蛇贺柱抛鼠瑟戈牢逊迈欺吨琴衰瓶恼燕仲诱狼池疼卢仗冠粒遥吕玄尘冯抚浅敦纠钻晶岂峡苍喷耗凌敲菌赔涂粹扁亏寂煤熊恭湿循暖糖赋抑秩帽哀宿踏烂袁侯抖夹昆肝擦猪炼恒慎搬纽纹玻渔磁铜齿跨押怖漠疲叛遣兹祭醉拳弥斜档稀捷肤疫肿豆削岗晃吞宏癌肚隶履涨耀扭坛拨沃绘伐堪仆郭牺歼墓雇廉契拼惩捉覆刷劫嫌瓜歇雕闷乳串娃缴唤赢莲霸桃妥瘦搭赴岳嘉舱俊址庞耕锐缝悔邀玲惟斥宅添挖呵讼氧浩羽斤酷掠妖祸侍乙妨贪挣汪尿莉悬唇翰仓轨枚盐览傅帅庙芬屏寺胖璃愚滴疏萧姿颤丑劣柯寸扔盯辱匹俱辨饿蜂哦腔郁溃谨糟葛苗肠忌溜鸿爵鹏鹰笼丘桂滋聊挡纲肌茨壳痕碗穴膀卓贤卧膜毅锦欠哩函茫昂薛皱夸豫胃舌剥傲拾窝睁携陵哼棉晴铃填饲渴吻扮逆脆喘罩卜炉柴愉绳胎蓄眠竭喂傻慕浑奸扇柜悦拦诞饱乾泡贼亭夕爹酬儒姻卵氛泄杆挨僧蜜吟猩遂狭肖甜霜揽泳冻陡蚀缠蒸谱`

// Kanji frequent in Japanese news text that the simplified list misses in
// their Japanese forms.
const japanese = `込売読駅県発関経実気対働図歩帰様変転続戦争権総営価値円払広伝応済録験験観覧写増減処団単当断残浜沢桜鉄銀歳際拡検証種類福祉介護医療病院患者警察事件事故捜査容疑逮捕判決裁判所首相官房長官外相知事市長都議会衆院参院与党野党自民立憲維新公明共産総理大臣閣議閣僚内閣改造官邸防衛省財務省厚生労働文部科学国土交通農林水産経産環境外務法務総務防衛庁宮内庁気象台地震津波台風豪雨被害避難火災感染拡大対策接種予算補正税制年金賃金物価値上午前午後昨年今年来年先月今月来月毎日朝刊夕刊日本人年大一中出会上国時分行事生自子者見前後手方発地合市内定学同田新長場東京間社業部的月間円選首相党政府議員県都道府区町村駅関経済実気対話語読書記続連転軽鉄銀歳様際総権数変応届込払売買電車機器営価格輸送図館広報団体協力増減調査結果予約担当取締役会議員長選挙戦争平和安全保障経営企業株式円高円安証券税金資金融市場産業製品開発技術研究情報通信放送新聞記者写真映像画面号週曜火水木金土`

// Hangul syllables frequent in Korean news text (the head of a syllable
// frequency ranking of newspaper Korean), then the common syllables of
// Sino-Korean words.
const hangul = `이다는의에하고을가지기리사서로한자대도어인전정수시일를있국부나제적해게주상보으들만것구장원조할동라면성발아신문경생행우화중여관위과개소치내등세연비공요무방업실계유회분안결속간선진물통물기후당현명단출된영재금용학마체법미강식위감모러민심러마자도록였했습니다던다며요고서도까지에서으로부터에게한다했다있다없다없는있는같은대한위한통해따라관련오늘내년올해지난정부대통령국회의원장관시장경제사회문화기업시장가격금리주가환율가각간갈감갑강개객거건걸검겁게겨격견결겸경계고곡곤골공과곽관광괴교구국군굴궁권귀규균그극근글금급기긴길김까깨꼬꾸끝나낙난날남납낭내냉너널넘네녀년념녕노녹논농뇌누눈뉴느는늘능니다단달담답당대댁더덕던덜데도독돈돌동두둔둘뒤드득든들등디따때또뜻라락란람랑래랭략량러럼렀렁레려력련렬렴령례로록론뢰료룡루류륙률르른를름릉리린림립마막만많말망매맥맹머먹먼멀메며면멸명모목몰몸못몽묘무묵문물뭐미민밀바박반받발밤방배백버번벌범법벽변별병보복본볼봉부북분불붕비빈빌빙빛사삭산살삼상새색생서석선설섬섭성세소속손솔송쇄쇠수숙순술숭쉬스슬습승시식신실심십싸쌍쓰씨아악안알암압앙애액야약양어억언얼엄업없에여역연열염엽영예오옥온올옹와완왕외요욕용우욱운울웅원월위유육윤율융은을음읍응의이익인일임입잉자작잔잠잡장재쟁저적전절점접정제조족존졸종좌죄주죽준줄중즉즐증지직진질짐집징짜차착찬찰참창채책처척천철첨첩청체초촉촌총최추축춘출충취측층치칙친칠침칭카쾌타탁탄탈탐탑탕태택터토통퇴투특틀파판팔패편평폐포폭표품풍프피필하학한할함합항해핵행향허헌험혁현혈협형혜호혹혼홍화확환활황회획횡효후훈훼휘휴흉흑흔흥희히`

func main() {
	name := "freq_table.go"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	tablegen.Main(func(dir string) error {
		f, err := render(name)
		if err != nil {
			return err
		}
		return f.Save(dir)
	})
}

// convert is the simplified list as OpenCC's config (s2t, s2tw) converts it.
func convert(config string) (string, error) {
	cc, err := opencc.New(config)
	if err != nil {
		return "", fmt.Errorf("opencc %s: %w", config, err)
	}
	out, err := cc.Convert(simplified)
	if err != nil {
		return "", fmt.Errorf("opencc %s: %w", config, err)
	}
	return out, nil
}

func render(name string) (*tablegen.File, error) {
	trad, err := convert("s2t")
	if err != nil {
		return nil, err
	}
	tw, err := convert("s2tw")
	if err != nil {
		return nil, err
	}
	han := uniq(simplified + trad + tw + japanese)
	var ko []rune
	for _, r := range uniq(hangul) {
		if r >= 0xAC00 && r <= 0xD7A3 {
			ko = append(ko, r)
		}
	}
	b := tablegen.NewFile(name, "issues/internal/gentables", "issues")
	fmt.Fprintf(b, "// frequentHan holds %d Han characters frequent in Chinese (Simplified and\n// Traditional) and Japanese text.\nconst frequentHan = %q\n\n", len(han), chunk(han))
	fmt.Fprintf(b, "// frequentHangul holds %d Hangul syllables frequent in Korean text.\nconst frequentHangul = %q\n", len(ko), string(ko))
	return b, nil
}

func uniq(s string) []rune {
	var rs []rune
	seen := map[rune]bool{}
	for _, r := range s {
		if r == '\n' || r == ' ' || seen[r] {
			continue
		}
		seen[r] = true
		rs = append(rs, r)
	}
	return rs
}

func chunk(rs []rune) string {
	rs = slices.Clone(rs)
	return strings.TrimSpace(string(rs))
}
