// Language detection for shopper messages: English, Chinese (simplified or
// traditional), Spanish, French, or "other".
//
// Support messages are short ("y mi pedido??", "还没到"), so a character
// trigram guesser alone (franc, Cavnar & Trenkle 1994) is unreliable on them;
// docs/decisions/0003-language-detection.md says why and what it scores. This
// module votes instead:
//   1. Unicode scripts. Han characters are Chinese unless kana says Japanese;
//      Hangul, Cyrillic, Arabic, Thai and the like are "other". Simplified and
//      traditional Chinese are told apart by a table of characters that differ.
//   2. Latin words are looked up, accent-free, in small lexicons of function
//      words and e-commerce vocabulary of English, Spanish and French, plus a
//      few distinctive words of German, Italian, Portuguese and Dutch so that
//      those come out as "other" rather than as their nearest neighbour.
//   3. Orthography: ñ ¿ ¡ á í ó ú vote Spanish, ç œ è ê à ù â î ô û vote French,
//      French elisions (j'ai, c'est, l'adresse) vote French, English
//      contractions (don't, I'm) vote English.
//   4. Words found in no lexicon get a small vote from a character-trigram
//      model built, on first use, from the lexicons themselves, so typos and
//      unlisted words still lean the right way.
// A word known to several lexicons splits its vote. Only votes that belong to
// one language count towards the `mixed` flag.

export type Language = "en" | "zh" | "es" | "fr" | "other";
export type ChineseScript = "hans" | "hant";

export type LanguageDetection = {
  language: Language;
  /** Set when the message contains Chinese (as its language or its secondary one). */
  script?: ChineseScript;
  /** 0..1: the dominant language's share of the evidence, damped when there is little evidence. */
  confidence: number;
  /** True when a substantial share of the message is in another language. */
  mixed: boolean;
  secondary?: Language;
};

export const DETECTED_LANGUAGES: readonly Language[] = [
  "en",
  "zh",
  "es",
  "fr",
  "other",
];

type LatinLanguage = "en" | "es" | "fr";
type Votes = Record<Language, number>;

const LATIN_LANGUAGES: readonly LatinLanguage[] = ["en", "es", "fr"];

// A secondary language is reported when it holds at least this share of the
// language-specific evidence ("hola, where is my order" is one word in five).
const MIXED_SHARE = 0.18;
// About 1.5 Chinese characters make one word (Chinese word length statistics),
// so Han characters and Latin words are compared in words.
const HAN_CHARS_PER_WORD = 1.5;
const LETTERS_PER_WORD_OTHER_SCRIPT = 4;
const UNKNOWN_WORD_WEIGHT = 0.35;

// ---------------------------------------------------------------------------
// Lexicons. Written accent-free or with accents; both match accent-free text.

const EN_WORDS = `
the a an and or but is are was were be been being am i you he she it we they me my mine your yours our
their his her him them us this that these those there here what where when why how who whom which whose
can could would should will shall may might must do does did done dont doesnt didnt cant couldnt wont
wouldnt shouldnt isnt arent wasnt werent havent hasnt hadnt im ive id youre youve theyre weve thats
theres whats wheres hows its lets ill itll youll theyll shes hes have has had having not no yes yeah yep nope yet still just already
please pls plz thanks thank thx ty u ur idk btw lol hi hello hey dear regards cheers sincerely best kind of to in on at
for with from by about into onto after before since until till if so as than then too very any some
all every each get got gotten know want wanted need needed like would love hate
order orders ordered ordering item items package packages parcel shipping shipped ship shipment
delivery delivered deliver arrive arrived arriving received receive receiving refund refunded
return returned returning returns exchange cancel cancelled canceled change changed address size
sizes color colour colors number days day week weeks month months today tomorrow yesterday money back
account password discount coupon price prices payment paid pay charged charge card wrong damaged
broken missing help question questions update stock available soon long take takes free cost costs
much many sale sorry great good bad never nothing anything something someone anyone anybody nobody again
time times sent send store product products quality wait waiting out up over one two three first
last new same while kind best guys since ago still though although because also only even ever
really actually maybe probably sure right left well now later fine thing things way other another
customer support team reply answer hear heard email emailed contact contacted call called asked
ask asking tell told said says saw see look looking looks find found buy bought purchase purchased
cart checkout shipping weight fit fits fitting large small medium wear wearing material wash washed
work works working worked does doesnt arrive arrives receipt invoice bank paypal account sign login
logged reset newsletter unsubscribe subscribe delete data info information where whats hows
whole half full empty box boxes label labels courier carrier mail post office tracking track tracked
shows showing says stuck lost late delay delayed delays expected expect estimate estimated week
scam fraud review reviews chargeback lawyer terrible awful disappointed unacceptable
alright perfect awesome possible promo client noted understood appreciate appreciated
`;

const ES_WORDS = `
el la los las un una unos unas a y o pero sino de del al en con sin por para que qué como cómo cuando
cuándo donde dónde adonde cual cuál cuales quien quién mi mis tu tus su sus nuestro nuestra
nuestros vuestro yo usted ustedes vosotros nosotros me te se le les lo nos os es son está están
estoy estás estamos esta este esto estos estas eso ese esa esos esas aquel fue fueron era ser estar
sido estado hay ha he han hemos has había habían tengo tiene tienen tenemos tener tuve puedo puede
pueden podemos poder podría podrían podrías podéis quiero quiere quisiera queremos necesito
necesita hacer hago hice hizo hecho llegó llegado llega llegan llegar llegue llegará recibido recibí
recibir recibo pedido pedidos pedí compra compras compré comprar envío envíos enviado enviada
enviar envían enviaron paquete paquetes producto productos talla tallas tamaño color devolución
devoluciones devolver devuelvo reembolso reembolsar cambio cambiar cancelar cancelado dirección
número seguimiento días día semana semanas mes meses hoy mañana ayer ya todavía aún muy más
también tampoco nada nunca todo toda todos todas algo alguien nadie hola buenas buenos gracias
saludos favor sí no bien mal cuánto cuanto cuántos cuesta cuestan precio precios descuento código
cupón pago pagué pagado pagar tarjeta cobrado cobro cobraron cuenta contraseña roto rota dañado
dañada equivocado equivocada ayuda pregunta disponible porque señor señora estimado estimada
estimados atentamente vale oye hace desde hasta sobre entre tienda dinero mismo misma otra otro
otros vez veces sigue sigo seguir esperando espero esperar aquí ahí allí así entonces luego
después antes ahora siempre mucho mucha muchos poco poca bueno buena malo mala gran grande
pequeño pequeña nuevo nueva caja correo factura ropa zapatos camiseta mochila funciona sirve
queda quedan quedo material tenía tendrá puedes podrías dime dígame quería pregunto saber sé sabe quisiera
deja dejar dejo dejó sale salió llevo lleva tarda tardan tardó retraso pagina página envíen devuelvan contestan
responden respuesta escribo escribí mandé mandar mandaron solo sólo cada cual mío mía tuyo
acá pues oiga ustedes vuestra vuestros gustaría puedan necesitaría reclamación queja
estafa fraude reseña abogado denuncia decepcionado decepcionada inaceptable vergüenza
voy vas va vamos van vais ir di dar porfa porfis xfa pq xq tmb ni tres dos cada entrega promo darse baja perfecto perfecta entendido genial dale claro listo abrazo
`;

const FR_WORDS = `
le la les un une des du de a et ou mais donc car ni que qui quoi quand comment pourquoi combien où je
tu il elle nous vous ils elles on me te se moi toi lui leur leurs mon ma mes ton ta tes son sa ses
notre votre vos nos ce cet cette ces ceci cela ça est sont suis êtes sommes être été ai avez avons
ont avoir avais avait fait faire fais peux peut pouvez pourriez pourrais voudrais veux voulez dois
doit devez faut pas ne plus jamais rien toujours encore déjà très bien aussi avec sans pour par
dans sur sous chez depuis avant après entre vers bonjour bonsoir salut merci cordialement madame
monsieur svp plaît oui non commande commandes commandé commandée commander colis livraison livré
livrée livrer reçu reçue reçois recevoir envoyé envoyée envoi envoyer expédié expédiée expédition
suivi numéro article articles produit produits taille couleur retour retourner remboursement
rembourser remboursé échange échanger annuler annulé modifier adresse jours jour semaine
semaines mois aujourdhui demain hier argent compte mot passe promo réduction prix paiement payé
payer carte débité abîmé abîmée cassé cassée endommagé erreur aide disponible attends attendre
attente boutique avis problème réponse personne alors comme tout tous toute toutes aucun aucune
quelque quelques autre autres même fois vraiment bon bonne mauvais mauvaise voici voilà y en au
aux quel quelle quels quelles était étaient serait pourrait pouvoir savoir sais sait cest jai
délai frais port possible ici là peu beaucoup trop assez car puis ensuite maintenant tard tôt
toujours rien nouvelle nouveau reçoit arrivé arrivée arriver arrive depuis chaque bientôt
souhaite souhaiterais aimerais voudrions besoin veuillez pouvons madame messieurs
bonne journée soirée remercie remerciant salutations sinon donc ceux celle celui lequel
dont vos votre nôtre parce contre pendant avoir reçu mauvaise taille vêtement chaussures
si as long change question questions client clients
coucou arnaque arnaqué escroquerie fraude avocat plainte déçu déçue inadmissible honte
parfait génial nul bcp slt stp mdr jsp accord entendu compris nickel désabonner désinscrire vais vas va allons allez vont
`;

// Words that are everyday vocabulary in all of our languages (or in none);
// they are evidence of nothing. English gets a faint vote so a message of
// nothing but "ok" still reads as English.
const NEUTRAL_WORDS = `
ok okay oki okey email mail online web link app stock tracking paypal shop sms whatsapp instagram
tiktok amazon shopify iphone ipad samsung ups dhl fedex usps ems gls sku pdf wifi usb bluetooth
black friday feedback influencer marketing hashtag internet blog ig fb dm xl xxl xs cm mm kg
newsletter google apple visa mastercard klarna cool
`;

// Distinctive function words of nearby Latin-script languages. A word that is
// also in one of our lexicons is dropped from this list when the tables build.
const OTHER_WORDS = `
ich und nicht ist bitte danke meine mein meinen wo bestellung paket wann noch habe haben keine kein
der das ein eine mit auf für sie wir auch schon aber oder wie warum hallo lieferung rücksendung geld
zurück wurde wird sind bei nach von zum zur vielen grüße gruß guten tag
il di che non sono mio mia ordine ho della grazie ciao dove quando ancora questo questa perché
buongiorno salve vorrei spedizione pacco ricevuto rimborso gli sei hanno molto anche cosa fatto nel
nella alla sul ordinato arrivato
não meu minha você obrigado obrigada encomenda ainda um uma com isso isto também recebi entrega
onde seu sua fazer pode posso preciso comprei produto dinheiro
ik het een niet mijn bestelling waar wanneer nog geen heb hebben dank bedankt alstublieft graag
pakket wel maar ook zijn wij jullie goedemorgen hoi
`;

// Extra orthography samples for the trigram model of unknown words: content
// words that are too rare or too varied for the lexicons but show each
// language's spelling (English -ing, -ght, th-; Spanish -ción, -ado, ll;
// French -eau, -eux, -aient, -ée).
const EN_SPELLING = `
thing nothing something everything thought through though brought bought caught night light right
fight weight height eight shipping getting waiting looking asking working trying buying leaving
coming saying wondering trying hoping receiving happened happening wanted needed asked worked
quickly slowly really finally actually honestly definitely exactly hopefully unfortunately which
whether weather where while white whole who whose why what when awesome beautiful wonderful
terrible horrible issue issues problem problems shirt shoes jacket sweater hoodie necklace bracelet
earrings charger cable phone case bottle bag backpack collar helmet wallet watch glasses sunglasses
cushion pillow blanket kitchen knife mug cup lamp candle toy book kit tool gift voucher
`;

const ES_SPELLING = `
información dirección devolución reclamación situación solución atención confirmación
notificación cancelación aplicación ubicación rápidamente lamentablemente simplemente
realmente exactamente llamada llegada llevar allí calle ciudad ellos ellas señal señores niño
año años mañana pequeño compañía enseguida quería querría tendría haría sería estaría
enviado pagado comprado recibido cambiado llegado esperado preguntado hablado mandado dejado
esperando buscando comprando llamando pidiendo diciendo haciendo siendo camisa zapatillas
chaqueta sudadera collar pulsera pendientes cargador funda botella bolso mochila casco cartera
reloj gafas cojín almohada manta cocina cuchillo taza lámpara vela juguete libro herramienta
regalo tarjeta talla medida calidad cantidad garantía problema problemas urgente rápido lento
`;

const FR_SPELLING = `
information adresse réclamation situation solution attention confirmation notification
annulation application malheureusement rapidement simplement vraiment exactement heureusement
beaucoup bureau nouveau nouveaux cadeau cadeaux chapeau manteau tableau morceau eau peau
heureux heureuse sérieux dangereux généreux voudraient pourraient devraient étaient avaient
commandée livrée arrivée envoyée reçue payée annulée retournée abîmée cassée journée année
chemise chaussures veste pull sweat collier bracelet boucles chargeur coque bouteille sac
casque portefeuille montre lunettes coussin oreiller couverture cuisine couteau tasse lampe
bougie jouet livre outil cadeau carte qualité quantité garantie problème problèmes urgent rapide
lent parfait parfaite génial super dommage désolé désolée inquiet inquiète attendre attendez
`;

// Simplified → traditional pairs of characters that differ and are common in
// shop messages. Characters that both scripts write the same way for some
// word are left out (只/隻, 系/係, 面/麵, 台/臺, 干/乾), except 里: traditional
// text writes 裡/裏 for "inside" and 里 almost only in 公里, so 里 counts as
// simplified.
const HANS_HANT_PAIRS = `
们們 这這 货貨 订訂 发發 东東 说說 对對 没沒 单單 个個 来來 时時 会會 过過 还還 进進 问問 题題 为為 么麼 样樣 开開 关關
买買 卖賣 钱錢 运運 费費 务務 邮郵 递遞 号號 码碼 换換 质質 颜顏 请請 谢謝 几幾 让讓 给給 该該 网網 账賬 户戶 录錄 无無
经經 达達 间間 边邊 后後 长長 话話 电電 联聯 国國 际際 办辦 动動 应應 选選 择擇 购購 车車 优優 贵貴 价價 坏壞 损損 错錯
误誤 实實 认認 证證 处處 显顯 难難 热熱 现現 见見 觉覺 双雙 条條 张張 种種 图圖 页頁 线線 评評 论論 帮幫 亲親 爱愛 欢歡
写寫 读讀 书書 门門 态態 丢丟 转轉 输輸 轻輕 备備 杂雜 装裝 检檢 验驗 险險 税稅 级級 纸紙 红紅 绿綠 蓝藍 黄黃 银銀 铁鐵
尽盡 总總 结結 约約 极極 传傳 块塊 减減 节節 两兩 并並 听聽 头頭 飞飛 马馬 吗嗎 妈媽 鱼魚 龙龍 纪紀 设設 计計 规規 则則
调調 适適 满滿 试試 谁誰 词詞 语語 记記 讲講 许許 诉訴 议議 识識 译譯 谈談 详詳 细細 练練 织織 终終 继繼 续續 绝絕 维維
机機 权權 档檔 楼樓 乐樂 变變 宝寶 审審 层層 属屬 币幣 库庫 广廣 异異 弃棄 弹彈 归歸 当當 忆憶 怀懷 恶惡 惊驚 愿願 战戰
报報 担擔 据據 数數 断斷 旧舊 暂暫 术術 杀殺 标標 树樹 桥橋 气氣 汉漢 决決 况況 测測 济濟 温溫 湾灣 点點 烂爛 烟煙 状狀
独獨 环環 画畫 疗療 监監 盖蓋 盘盤 确確 礼禮 称稱 积積 稳穩 竞競 笔筆 签簽 简簡 紧緊 纯純 纳納 组組 绍紹 绑綁 绕繞 络絡
统統 绩績 缓緩 编編 缘緣 缩縮 罗羅 职職 肤膚 脑腦 脚腳 艺藝 苹蘋 药藥 获獲 营營 虑慮 虽雖 补補 袜襪 观觀 视視 览覽 触觸
讨討 训訓 讯訊 访訪 诊診 诚誠 询詢 课課 贝貝 负負 财財 责責 败敗 贴貼 贺賀 资資 赏賞 赔賠 赚賺 赠贈 赶趕 踪蹤 轮輪 软軟
载載 较較 辆輛 远遠 连連 迟遲 遗遺 释釋 针針 钥鑰 链鏈 销銷 锁鎖 键鍵 镜鏡 闭閉 闻聞 阅閱 队隊 阳陽 陆陸 随隨 静靜 顶頂
项項 顺順 须須 顾顧 顿頓 预預 领領 频頻 风風 饭飯 饮飲 馆館 驾駕 骗騙 鸡雞 齐齊 于於 与與 复復 历歷 着著 尝嘗 钟鐘 帐帳
协協 卫衛 厂廠 压壓 厅廳 县縣 参參 叶葉 员員 响響 团團 园園 围圍 场場 声聲 够夠 奖獎 妇婦 学學 宁寧 宽寬 导導 寻尋 岁歲
师師 庄莊 废廢 彻徹 忧憂 怜憐 恋戀 恼惱 悦悅 惯慣 戏戲 扩擴 扫掃 扰擾 护護 拟擬 挂掛 挤擠 挥揮 捡撿 摄攝 摆擺 摇搖 敌敵
晓曉 构構 枪槍 柜櫃 栏欄 梦夢 欧歐 残殘 毕畢 汇匯 沟溝 泪淚 洁潔 浅淺 浓濃 涨漲 渐漸 灭滅 灯燈 灵靈 炉爐 烦煩 烧燒 爷爺
牵牽 犹猶 猪豬 猫貓 献獻 玛瑪 畅暢 疯瘋 盐鹽 盏盞 穷窮 竖豎 笼籠 粮糧 纠糾 纤纖 纱紗 纷紛 纹紋 绒絨 绘繪 绣繡 绳繩 缝縫
罚罰 罢罷 聪聰 肿腫 胀脹 胁脅 脏髒 舱艙 范範 荐薦 莲蓮 萝蘿 虾蝦 蚁蟻 蛮蠻 袭襲
裤褲 衬襯 镯鐲 铜銅 壶壺 妆妝 净淨 丝絲 纽紐 仓倉 亏虧 诶誒 哒噠 喽嘍 呗唄 啰囉 涂塗 湿濕 驿驛 里裡 钮鈕 铺鋪 厕廁
`;

// The other traditional form of 里.
const HANT_ONLY_EXTRA = "裏";

// ---------------------------------------------------------------------------
// Tables, built on first use (nothing runs on import).

type Tables = {
  lexicon: Map<string, Language[]>;
  neutral: Set<string>;
  trigrams: Record<
    LatinLanguage,
    { counts: Map<string, number>; total: number }
  >;
  trigramVocabulary: number;
  hans: Set<string>;
  hant: Set<string>;
};

let tables: Tables | undefined;

function stripAccents(word: string): string {
  return word
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC");
}

function wordsOf(list: string): string[] {
  return list
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => stripAccents(w.toLowerCase()));
}

function buildTables(): Tables {
  const lexicon = new Map<string, Language[]>();
  const add = (word: string, language: Language) => {
    const languages = lexicon.get(word) ?? [];
    if (!languages.includes(language)) languages.push(language);
    lexicon.set(word, languages);
  };
  const latinLists: Record<LatinLanguage, string> = {
    en: EN_WORDS,
    es: ES_WORDS,
    fr: FR_WORDS,
  };
  for (const language of LATIN_LANGUAGES) {
    for (const word of wordsOf(latinLists[language])) add(word, language);
  }
  const neutral = new Set(wordsOf(NEUTRAL_WORDS));
  for (const word of neutral) lexicon.delete(word);
  for (const word of wordsOf(OTHER_WORDS)) {
    if (!lexicon.has(word) && !neutral.has(word)) add(word, "other");
  }

  const spelling: Record<LatinLanguage, string> = {
    en: EN_SPELLING,
    es: ES_SPELLING,
    fr: FR_SPELLING,
  };
  const vocabulary = new Set<string>();
  const trigrams = {} as Tables["trigrams"];
  for (const language of LATIN_LANGUAGES) {
    const counts = new Map<string, number>();
    let total = 0;
    for (const word of [
      ...wordsOf(latinLists[language]),
      ...wordsOf(spelling[language]),
    ]) {
      for (const gram of trigramsOf(word)) {
        counts.set(gram, (counts.get(gram) ?? 0) + 1);
        vocabulary.add(gram);
        total += 1;
      }
    }
    trigrams[language] = { counts, total };
  }

  const hans = new Set<string>();
  const hant = new Set<string>(HANT_ONLY_EXTRA);
  for (const pair of HANS_HANT_PAIRS.split(/\s+/).filter(Boolean)) {
    const [simplified, traditional] = Array.from(pair);
    if (simplified !== traditional) {
      hans.add(simplified);
      hant.add(traditional);
    }
  }
  return {
    lexicon,
    neutral,
    trigrams,
    trigramVocabulary: vocabulary.size,
    hans,
    hant,
  };
}

function getTables(): Tables {
  tables ??= buildTables();
  return tables;
}

function trigramsOf(word: string): string[] {
  const padded = `_${word}_`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i += 1)
    grams.push(padded.slice(i, i + 3));
  return grams;
}

// Posterior over en/es/fr for a word no lexicon knows: naive Bayes over its
// character trigrams with additive smoothing, averaged per trigram so long
// words don't get overconfident.
function trigramPosterior(
  word: string,
  t: Tables
): Record<LatinLanguage, number> {
  const grams = trigramsOf(word);
  const logLikelihood = {} as Record<LatinLanguage, number>;
  for (const language of LATIN_LANGUAGES) {
    const { counts, total } = t.trigrams[language];
    let sum = 0;
    for (const gram of grams) {
      sum += Math.log(
        ((counts.get(gram) ?? 0) + 0.5) / (total + 0.5 * t.trigramVocabulary)
      );
    }
    logLikelihood[language] = (sum / grams.length) * 4;
  }
  const max = Math.max(...LATIN_LANGUAGES.map((l) => logLikelihood[l]));
  const exp = LATIN_LANGUAGES.map((l) => Math.exp(logLikelihood[l] - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return { en: exp[0] / sum, es: exp[1] / sum, fr: exp[2] / sum };
}

// ---------------------------------------------------------------------------

const URL_OR_EMAIL =
  /\bhttps?:\/\/\S+|\bwww\.\S+|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
// Payment brands name no language: "¿Aceptáis Apple Pay?", "可以用 Google Pay 吗".
const BRAND_PAY =
  /\b(?:apple|google|samsung|amazon|wechat|line|shop|alipay|union|meta)\s*pay\b/giu;
// Tokens are split on anything but letters, digits and apostrophes; a token
// with a digit (an order number, a tracking code, "2pcs") is not a word.
const TOKEN = /[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}\p{N}_]+)*/gu;
const LATIN_RUN = /[\p{Script=Latin}\p{M}]+(?:['’][\p{Script=Latin}\p{M}]+)*/gu;
const DIGIT = /\p{N}/u;
const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const OTHER_SCRIPT_LETTER =
  /[\p{Script=Hangul}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Greek}\p{Script=Hebrew}\p{Script=Thai}\p{Script=Devanagari}\p{Script=Armenian}\p{Script=Georgian}\p{Script=Bengali}\p{Script=Tamil}\p{Script=Khmer}\p{Script=Lao}\p{Script=Myanmar}\p{Script=Ethiopic}]/u;
const FRENCH_ELISION =
  /^(?:j|c|l|d|qu|n|s|m|t|jusqu|lorsqu|puisqu)['’]([aeiouyhéèêàâîôû].*)$/u;

// Characters of everyday Chinese that Japanese writing does not use.
const CHINESE_ONLY = "们們这這吗嗎呢么麼没沒吧你我给給帮幫谢謝说說个個还還";

const SPANISH_MARKS = /[ñ¿¡áíóú]/gu;
const FRENCH_MARKS = /[çœæèêàùâîôûëïÿ]/gu;

// Chat spelling stretches words ("graciassss", "hiii", "merciii"): when a word
// is unknown, its repeated letters are squeezed before giving up.
function lookUp(word: string, t: Tables): Language[] | "neutral" | undefined {
  const candidates = [
    word,
    word.replace(/(.)\1{2,}/gu, "$1"),
    word.replace(/(.)\1{2,}/gu, "$1$1"),
    word.replace(/(.)\1+$/u, "$1"),
  ];
  for (const candidate of candidates) {
    if (t.neutral.has(candidate)) return "neutral";
    const languages = t.lexicon.get(candidate);
    if (languages) return languages;
  }
  return undefined;
}

function* latinWordsOf(text: string): Generator<string> {
  for (const token of text.matchAll(TOKEN)) {
    if (DIGIT.test(token[0])) continue;
    // "我的order还没到" is one token; its Latin run is the word.
    for (const run of token[0].matchAll(LATIN_RUN)) yield run[0];
  }
}

function emptyVotes(): Votes {
  return { en: 0, zh: 0, es: 0, fr: 0, other: 0 };
}

/**
 * Detects the language of a shopper message.
 *
 * detectLanguage("我的order还没到")          // { language: "zh", script: "hans", mixed: true, secondary: "en", … }
 * detectLanguage("hola, where is my order") // { language: "en", mixed: true, secondary: "es", … }
 */
export function detectLanguage(text: string): LanguageDetection {
  const t = getTables();
  const cleaned = text.replace(URL_OR_EMAIL, " ").replace(BRAND_PAY, " ");

  // total: all evidence, decides the dominant language.
  // own: evidence that belongs to one language only, decides `mixed`.
  const total = emptyVotes();
  const own = emptyVotes();

  let han = 0;
  let kana = 0;
  let otherLetters = 0;
  let chineseMarkers = 0;
  let hansChars = 0;
  let hantChars = 0;
  for (const char of cleaned) {
    if (HAN.test(char)) {
      han += 1;
      if (CHINESE_ONLY.includes(char)) chineseMarkers += 1;
      if (t.hans.has(char)) hansChars += 1;
      else if (t.hant.has(char)) hantChars += 1;
    } else if (KANA.test(char)) kana += 1;
    else if (OTHER_SCRIPT_LETTER.test(char)) otherLetters += 1;
  }
  // Kana make Han text Japanese, unless the Han part is plainly Chinese
  // ("幫我翻譯這句日文：ありがとう"): then the kana alone are "other".
  const japanese = kana >= 2 && kana / (kana + han) >= 0.1;
  const chineseHan = !japanese || chineseMarkers >= 2 ? han : 0;
  const zhWords = chineseHan / HAN_CHARS_PER_WORD;
  const otherCjkWords = (han - chineseHan + kana) / HAN_CHARS_PER_WORD;
  total.zh += zhWords;
  own.zh += zhWords;
  total.other += otherCjkWords;
  own.other += otherCjkWords;
  total.other += otherLetters / LETTERS_PER_WORD_OTHER_SCRIPT;
  own.other += otherLetters / LETTERS_PER_WORD_OTHER_SCRIPT;

  // Latin words.
  let lexiconHits = 0;
  const unknownWords: string[] = [];
  const lower = cleaned.toLowerCase();
  for (const raw of latinWordsOf(lower)) {
    const elision = FRENCH_ELISION.exec(raw);
    let word: string;
    if (elision) {
      // "t'es", "t'as", "j'suis": the elision already says French; what
      // follows counts only if it is French too.
      total.fr += 1;
      own.fr += 1;
      lexiconHits += 1;
      word = stripAccents(elision[1]);
      if (!t.lexicon.get(word)?.includes("fr")) continue;
    } else if (/['’]/.test(raw)) {
      word = stripAccents(raw.replace(/['’]/g, ""));
      if (
        /(?:nt|^im|^ive|^youre|^theyre|^were|^ill|^itll|^youll|^whats|^wheres|^thats|^its|^lets)$/.test(
          word
        )
      ) {
        total.en += 0.5;
        own.en += 0.5;
      }
    } else {
      word = stripAccents(raw);
    }
    const known = lookUp(word, t);
    if (known === "neutral") {
      total.en += 0.1;
      continue;
    }
    const languages = known;
    if (languages) {
      lexiconHits += 1;
      const share = 1 / languages.length;
      for (const language of languages) total[language] += share;
      if (languages.length === 1) own[languages[0]] += 1;
    } else if (word.length >= 3) {
      unknownWords.push(word);
    }
  }

  // Orthography.
  const spanishMarks = Math.min(3, (lower.match(SPANISH_MARKS) ?? []).length);
  const frenchMarks = Math.min(3, (lower.match(FRENCH_MARKS) ?? []).length);
  total.es += spanishMarks * 0.5;
  own.es += spanishMarks * 0.5;
  total.fr += frenchMarks * 0.5;
  own.fr += frenchMarks * 0.5;

  // Unknown words lean by their spelling, but never decide a message alone
  // unless there are several of them.
  const orthographyOrLexicon =
    lexiconHits > 0 || spanishMarks > 0 || frenchMarks > 0;
  if (orthographyOrLexicon || unknownWords.length >= 3) {
    for (const word of unknownWords) {
      const posterior = trigramPosterior(word, t);
      for (const language of LATIN_LANGUAGES)
        total[language] += posterior[language] * UNKNOWN_WORD_WEIGHT;
    }
  }

  const guessedFromSpellingOnly =
    !orthographyOrLexicon && han + kana + otherLetters === 0;
  return decide(total, own, { hansChars, hantChars, guessedFromSpellingOnly });
}

function decide(
  total: Votes,
  own: Votes,
  {
    hansChars,
    hantChars,
    guessedFromSpellingOnly,
  }: { hansChars: number; hantChars: number; guessedFromSpellingOnly: boolean }
): LanguageDetection {
  const ranked = DETECTED_LANGUAGES.filter((l) => total[l] > 0).sort(
    (a, b) =>
      total[b] - total[a] ||
      DETECTED_LANGUAGES.indexOf(a) - DETECTED_LANGUAGES.indexOf(b)
  );
  const sum = ranked.reduce((acc, l) => acc + total[l], 0);
  if (ranked.length === 0 || sum < 0.05) {
    return { language: "other", confidence: 0, mixed: false };
  }
  const language = ranked[0];

  // Little evidence (a lone "ok", "merci") or only the spelling of unknown
  // words ("asdf qwer zxcv") gives a low confidence.
  const evidenceDamping =
    (1 - Math.exp(-sum / 1.2)) * (guessedFromSpellingOnly ? 0.5 : 1);
  const confidence = round((total[language] / (sum + 0.25)) * evidenceDamping);

  const ownSum = DETECTED_LANGUAGES.reduce((acc, l) => acc + own[l], 0);
  let secondary: Language | undefined;
  for (const candidate of DETECTED_LANGUAGES) {
    if (candidate === language || own[candidate] < 0.9) continue;
    if (own[candidate] / ownSum < MIXED_SHARE) continue;
    if (!secondary || own[candidate] > own[secondary]) secondary = candidate;
  }

  const result: LanguageDetection = {
    language,
    confidence,
    mixed: secondary !== undefined,
  };
  if (secondary) result.secondary = secondary;
  if (language === "zh" || secondary === "zh") {
    result.script = hantChars > hansChars ? "hant" : "hans";
  }
  return result;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
