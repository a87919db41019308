// Generated from schemas/*.schema.json by `node scripts/generate-types.ts`. Do not edit.

/* eslint-disable */

export declare namespace OrganisationDataTypes {
export interface OrganisationData {
/**
 * 評価書の表紙に印字される名称（例: 熊本市長、○○大臣、独立行政法人○○）
 */
"名称": string
/**
 * 特定個人情報保護評価書の記載要領が評価実施機関として挙げる種別。地方公共団体と広域連合・一部事務組合は都道府県と全国地方公共団体コードも書きます
 */
"種別": ("国の行政機関" | "独立行政法人等" | "地方公共団体" | "広域連合・一部事務組合")
/**
 * 機関が属する団体・組織の名称（例: 熊本市、厚生労働省、独立行政法人○○、○○広域連合）
 */
"団体名": string
/**
 * 国税庁が指定する 13 桁の番号（先頭の 1 桁は検査用数字）。国の機関・地方公共団体にも指定されています。引用符「"」で囲んで書きます
 */
"法人番号"?: string
/**
 * 地方公共団体、広域連合・一部事務組合の所在する都道府県
 */
"都道府県"?: ("北海道" | "青森県" | "岩手県" | "宮城県" | "秋田県" | "山形県" | "福島県" | "茨城県" | "栃木県" | "群馬県" | "埼玉県" | "千葉県" | "東京都" | "神奈川県" | "新潟県" | "富山県" | "石川県" | "福井県" | "山梨県" | "長野県" | "岐阜県" | "静岡県" | "愛知県" | "三重県" | "滋賀県" | "京都府" | "大阪府" | "兵庫県" | "奈良県" | "和歌山県" | "鳥取県" | "島根県" | "岡山県" | "広島県" | "山口県" | "徳島県" | "香川県" | "愛媛県" | "高知県" | "福岡県" | "佐賀県" | "長崎県" | "熊本県" | "大分県" | "宮崎県" | "鹿児島県" | "沖縄県")
/**
 * 6桁（検査数字を含む）。先頭の0を残すため文字列で書く
 */
"全国地方公共団体コード"?: string
"サイトURL"?: string
}
}

export type OrganisationData = OrganisationDataTypes.OrganisationData;

export declare namespace JutenReportDataTypes {
/**
 * 比較表でまとめる事務の分類（例: 国民年金、住民基本台帳）。比較ページのアドレスとフォルダの名前になるため 40 文字まで
 */
export type Shared59 = string
/**
 * content/organisations/ にある機関ファイルの名前（拡張子なし）
 */
export type Shared60 = string
/**
 * 事務が終了した日（評価書名に【○年○月○日 終了】を付ける）
 */
export type Shared5 = ((string | null) | Shared3)
/**
 * 原文欠落: 抽出テキストにない / 判読不能: 原文が読めない / 不確実: 転記に推測を含む
 */
export type Shared1 = ("原文欠落" | "判読不能" | "不確実")
export type Shared2 = string
export type Shared51 = ((string | null) | Shared3)
/**
 * 表紙に印字された評価書番号（半角英数字とハイフン。例: 13）。案で番号がまだ印字されていないときは空欄。原文が欠けている・読めないときは「記載状態:」
 */
export type Shared61 = ((number | string | null) | Shared3)
export type Shared4 = ((string | null) | Shared3)
/**
 * 案（意見聴取中）のときは空欄
 */
export type Shared52 = ((string | null) | Shared3)
export type Shared41 = ((string | null) | Shared3)
export type Shared42 = ((string | null) | Shared3)
export type Shared10 = (("1,000人未満" | "1,000人以上1万人未満" | "1万人以上10万人未満" | "10万人以上30万人未満" | null) | Shared3)
export type Shared43 = ((string | null) | Shared3)
export type Shared44 = ((string | null) | Shared3)
export type Shared421 = (((("情報提供ネットワークシステム" | "庁内連携システム" | "住民基本台帳ネットワークシステム" | "既存住民基本台帳システム" | "宛名システム等" | "税務システム" | "その他") | {
"その他"?: (string | null)
})[] | null) | Shared3)
export type Shared45 = ((string | null) | Shared3)
export type Shared15 = (("実施する" | "実施しない" | "未定" | null) | Shared3)
export type Shared46 = ((string | null) | Shared3)
export type Shared47 = ((string | null) | Shared3)
export type Shared48 = ((string | null) | Shared3)
export type Shared49 = ((string | null) | Shared3)
export type Shared410 = ((string | null) | Shared3)
export type Shared13 = (("システム用ファイル" | "その他の電子ファイル（表計算ファイル等）" | null) | Shared3)
export type Shared11 = (("1万人未満" | "1万人以上10万人未満" | "10万人以上100万人未満" | "100万人以上1,000万人未満" | "1,000万人以上" | null) | Shared3)
export type Shared411 = ((string | null) | Shared3)
export type Shared412 = ((string | null) | Shared3)
export type Shared14 = (("10項目未満" | "10項目以上50項目未満" | "50項目以上100項目未満" | "100項目以上" | null) | Shared3)
export type Shared431 = (((("個人番号" | "個人番号対応符号" | "その他識別情報（内部番号）" | "4情報（氏名、性別、生年月日、住所）" | "5情報（氏名、氏名の振り仮名、性別、生年月日、住所）" | "連絡先（電話番号等）" | "その他住民票関係情報" | "国税関係情報" | "地方税関係情報" | "健康・医療関係情報" | "医療保険関係情報" | "児童福祉・子育て関係情報" | "障害者福祉関係情報" | "生活保護・社会福祉関係情報" | "介護・高齢者福祉関係情報" | "雇用・労働関係情報" | "年金関係情報" | "学校・教育関係情報" | "災害関係情報" | "その他") | {
"その他"?: (string | null)
})[] | null) | Shared3)
export type Shared6 = ((string | null) | {
/**
 * 原文どおりの表記（例: 平成27年10月予定）
 */
"表記"?: string
"日付"?: string
"記載状態"?: Shared1
"注記"?: Shared2
"原文"?: string
})
export type Shared413 = ((string | null) | Shared3)
export type Shared441 = (((("本人又は本人の代理人" | "評価実施機関内の他部署" | "行政機関・独立行政法人等" | "地方公共団体・地方独立行政法人" | "民間事業者" | "その他") | {
"評価実施機関内の他部署"?: (string | null)
"行政機関・独立行政法人等"?: (string | null)
"地方公共団体・地方独立行政法人"?: (string | null)
"民間事業者"?: (string | null)
"その他"?: (string | null)
})[] | null) | Shared3)
export type Shared451 = (((("紙" | "電子記録媒体（フラッシュメモリを除く。）" | "フラッシュメモリ" | "電子メール" | "専用線" | "庁内連携システム" | "情報提供ネットワークシステム" | "その他") | {
"その他"?: (string | null)
})[] | null) | Shared3)
export type Shared414 = ((string | null) | Shared3)
export type Shared12 = (("10人未満" | "10人以上50人未満" | "50人以上100人未満" | "100人以上500人未満" | "500人以上1,000人未満" | "1,000人以上" | null) | Shared3)
export type Shared415 = ((string | null) | Shared3)
export type Shared63 = ((string | null) | {
/**
 * 原文どおりの表記（例: 平成27年10月予定）
 */
"表記"?: string
"日付"?: string
"記載状態"?: Shared1
"注記"?: Shared2
"原文"?: string
})
export type Shared16 = (("委託する" | "委託しない" | null) | Shared3)
export type Shared7 = ((number | null) | Shared3)
/**
 * 「委託事項n」の欄に書かれた名称
 */
export type Shared416 = ((string | null) | Shared3)
export type Shared417 = ((string | null) | Shared3)
export type Shared121 = (("10人未満" | "10人以上50人未満" | "50人以上100人未満" | "100人以上500人未満" | "500人以上1,000人未満" | "1,000人以上" | null) | Shared3)
export type Shared418 = ((string | null) | Shared3)
export type Shared17 = (("再委託する" | "再委託しない" | null) | Shared3)
export type Shared419 = ((string | null) | Shared3)
export type Shared420 = ((string | null) | Shared3)
export type Shared491 = (((("提供を行っている" | "移転を行っている" | "行っていない") | {
"提供を行っている"?: (number | string)
"移転を行っている"?: (number | string)
})[] | null) | Shared3)
/**
 * 「提供先n」の欄に書かれた名称
 */
export type Shared422 = ((string | null) | Shared3)
export type Shared423 = ((string | null) | Shared3)
export type Shared424 = ((string | null) | Shared3)
export type Shared425 = ((string | null) | Shared3)
export type Shared111 = (("1万人未満" | "1万人以上10万人未満" | "10万人以上100万人未満" | "100万人以上1,000万人未満" | "1,000万人以上" | null) | Shared3)
export type Shared426 = ((string | null) | Shared3)
export type Shared471 = (((("情報提供ネットワークシステム" | "専用線" | "電子メール" | "電子記録媒体（フラッシュメモリを除く。）" | "フラッシュメモリ" | "紙" | "その他") | {
"その他"?: (string | null)
})[] | null) | Shared3)
export type Shared427 = ((string | null) | Shared3)
/**
 * 「移転先n」の欄に書かれた名称
 */
export type Shared428 = ((string | null) | Shared3)
export type Shared429 = ((string | null) | Shared3)
export type Shared430 = ((string | null) | Shared3)
export type Shared432 = ((string | null) | Shared3)
export type Shared112 = (("1万人未満" | "1万人以上10万人未満" | "10万人以上100万人未満" | "100万人以上1,000万人未満" | "1,000万人以上" | null) | Shared3)
export type Shared433 = ((string | null) | Shared3)
export type Shared481 = (((("庁内連携システム" | "専用線" | "電子メール" | "電子記録媒体（フラッシュメモリを除く。）" | "フラッシュメモリ" | "紙" | "その他") | {
"その他"?: (string | null)
})[] | null) | Shared3)
export type Shared434 = ((string | null) | Shared3)
export type Shared435 = ((string | null) | Shared3)
export type Shared436 = ((string | null) | Shared3)
export type Shared437 = ((string | null) | Shared3)
export type Shared20 = (("特に力を入れている" | "十分である" | "課題が残されている" | null) | Shared3)
export type Shared23 = (("行っている" | "行っていない" | null) | Shared3)
export type Shared8 = ((boolean | null) | Shared3)
export type Shared25 = (("定めている" | "定めていない" | null) | Shared3)
export type Shared22 = (("特に力を入れて行っている" | "十分に行っている" | "十分に行っていない" | "再委託していない" | null) | Shared3)
export type Shared438 = ((string | null) | Shared3)
export type Shared251 = (("定めている" | "定めていない" | null) | Shared3)
export type Shared439 = ((string | null) | Shared3)
export type Shared21 = (("特に力を入れて行っている" | "十分に行っている" | "十分に行っていない" | null) | Shared3)
export type Shared30 = (("発生あり" | "発生なし" | null) | Shared3)
export type Shared50 = (((("自己点検" | "内部監査" | "外部監査") | {

})[] | null) | Shared3)
export type Shared211 = (("特に力を入れて行っている" | "十分に行っている" | "十分に行っていない" | null) | Shared3)
export type Shared440 = ((string | null) | Shared3)
export type Shared442 = ((string | null) | Shared3)
export type Shared443 = ((string | null) | Shared3)
export type Shared444 = ((string | null) | Shared3)
export type Shared445 = ((string | null) | Shared3)
export type Shared446 = ((string | null) | Shared3)
export type Shared447 = ((string | null) | Shared3)
export type Shared55 = ((string | null) | Shared3)
export type Shared35 = (("基礎項目評価及び重点項目評価の実施が義務付けられる" | "基礎項目評価の実施が義務付けられる（任意に重点項目評価を実施）" | "特定個人情報保護評価の実施が義務付けられない（任意に重点項目評価を実施）" | null) | Shared3)
export type Shared448 = ((string | null) | Shared3)
export type Shared449 = ((string | null) | Shared3)
export type Shared450 = ((string | null) | Shared3)
export type Shared64 = ((string | null) | {
/**
 * 原文どおりの表記（例: 平成27年10月予定）
 */
"表記"?: string
"日付"?: string
"記載状態"?: Shared1
"注記"?: Shared2
"原文"?: string
})
export type Shared452 = ((string | null) | Shared3)
export type Shared453 = ((string | null) | Shared3)
/**
 * 和暦の原文は日付（YYYY-MM-DD）に直す。記載のない行は空欄（値なし）
 */
export type Shared65 = ((string | null) | {
/**
 * 原文どおりの表記（例: 平成27年10月予定）
 */
"表記"?: string
"日付"?: string
"記載状態"?: Shared1
"注記"?: Shared2
"原文"?: string
})
/**
 * 変更した項目。公表された評価書の書き方のまま
 */
export type Shared454 = ((string | null) | Shared3)
export type Shared4110 = (("事前" | "事後" | null) | Shared3)
export type Shared631 = ({
"名称"?: Shared455
"内容"?: Shared456
}[] | {
"記載状態": Shared1
"注記"?: Shared2
})
/**
 * 「（別紙1）」などに続けて印字された題（例: 番号法第十九条第七号 別表第二に定める事務）
 */
export type Shared455 = ((string | null) | Shared3)
/**
 * 別紙の本文。表は 1 行に 1 件など、原本の順に書きます
 */
export type Shared456 = ((string | null) | Shared3)
/**
 * 原文の欠落・判読不能・推定など、転記で判断したことの記録
 */
export type Shared57 = {
"項目": string
"内容": string
}[]

export interface JutenReportData {
"様式": "重点項目評価書"
/**
 * 表紙の右上の［ ］の中の様式の版を、［ ］を付けずに（例: 令和７年５月　様式３）
 */
"様式版"?: (string | null)
/**
 * 様式の表題（特定個人情報保護評価書（…評価書））の上に印字された表示を原文どおりに（例: (素案)）
 */
"表題の上の記載"?: string
"事務分類": Shared59
"評価実施機関": Shared60
"公開状態"?: Shared58
"原本"?: Shared62
"表紙": {
"評価書番号"?: Shared61
"評価書名"?: Shared4
"個人のプライバシー等の権利利益の保護の宣言"?: Shared4
"特記事項"?: Shared4
"評価実施機関名"?: Shared4
"公表日"?: Shared52
"記載状態"?: Shared1
"注記"?: Shared2
}
"基本情報": {
"特定個人情報ファイルを取り扱う事務"?: {
"事務の名称"?: Shared41
"事務の内容"?: Shared42
"対象人数"?: Shared10
"記載状態"?: Shared1
"注記"?: Shared2
}
/**
 * @maxItems 20
 */
"特定個人情報ファイルを取り扱う事務において使用するシステム"?: (Shared511[] | {
"記載状態": Shared1
"注記"?: Shared2
})
"特定個人情報ファイル名"?: Shared45
"個人番号の利用"?: {
"法令上の根拠"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"情報提供ネットワークシステムによる情報連携"?: {
"実施の有無"?: Shared15
"法令上の根拠"?: Shared46
"記載状態"?: Shared1
"注記"?: Shared2
}
"評価実施機関における担当部署"?: {
"部署"?: Shared47
"所属長の役職名"?: Shared48
"記載状態"?: Shared1
"注記"?: Shared2
}
"他の評価実施機関"?: Shared49
"記載状態"?: Shared1
"注記"?: Shared2
}
/**
 * @minItems 1
 */
"特定個人情報ファイルの概要": ({
"特定個人情報ファイル名"?: Shared410
"基本情報"?: {
"ファイルの種類"?: Shared13
"対象となる本人の数"?: Shared11
"対象となる本人の範囲"?: {
"内容"?: Shared411
"その必要性"?: Shared412
"記載状態"?: Shared1
"注記"?: Shared2
}
"記録される項目"?: {
"選択"?: Shared14
"主な記録項目"?: Shared431
"その妥当性"?: Shared4
"全ての記録項目"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"保有開始日"?: Shared6
"事務担当部署"?: Shared413
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の入手・使用"?: {
"入手元"?: Shared441
"入手方法"?: Shared451
"使用目的"?: Shared414
"使用の主体"?: {
"使用部署"?: Shared4
"使用者数"?: Shared12
"記載状態"?: Shared1
"注記"?: Shared2
}
"使用方法"?: {
"内容"?: Shared415
"情報の突合"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"使用開始日"?: Shared63
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報ファイルの取扱いの委託"?: {
"委託の有無"?: Shared16
"件数"?: Shared7
/**
 * @maxItems 20
 */
"委託事項"?: ({
"名称"?: Shared416
"委託内容"?: Shared417
"委託先における取扱者数"?: Shared121
"委託先名"?: Shared418
"再委託"?: {
"再委託の有無"?: Shared17
"再委託の許諾方法"?: Shared419
"再委託事項"?: Shared420
"記載状態"?: Shared1
"注記"?: Shared2
}
"記載状態"?: Shared1
"注記"?: Shared2
}[] | {
"記載状態": Shared1
"注記"?: Shared2
})
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の提供・移転（委託に伴うものを除く。）"?: Shared54
"特定個人情報の保管・消去"?: {
"保管場所"?: Shared435
"記載状態"?: Shared1
"注記"?: Shared2
}
"備考"?: Shared436
"記載状態"?: Shared1
"注記"?: Shared2
}[] | {
"記載状態": Shared1
"注記"?: Shared2
})
"特定個人情報ファイル記録項目": (Shared56[] | {
"記載状態": Shared1
"注記"?: Shared2
})
/**
 * ※（７．②を除く。）
 */
"リスク対策": ({
"特定個人情報ファイル名"?: Shared437
"特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）"?: {
"目的外の入手が行われるリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）におけるその他のリスク及びそのリスクに対する措置"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の使用"?: {
"目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク"?: {
"ユーザ認証の管理"?: {
"選択"?: Shared23
"具体的な管理方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"その他の措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の使用におけるその他のリスク及びそのリスクに対する措置"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報ファイルの取扱いの委託"?: {
"委託しない"?: Shared8
"委託先における不正な使用等のリスク"?: {
"委託契約書中の特定個人情報ファイルの取扱いに関する規定"?: {
"選択"?: Shared25
"規定の内容"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"再委託先による特定個人情報ファイルの適切な取扱いの担保"?: {
"選択"?: Shared22
"具体的な方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"その他の措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報ファイルの取扱いの委託におけるその他のリスク及びそのリスクに対する措置"?: Shared438
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）"?: {
"提供・移転しない"?: Shared8
"不正な提供・移転が行われるリスク"?: {
"特定個人情報の提供・移転に関するルール"?: {
"選択"?: Shared251
"ルールの内容及びルール遵守の確認方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"その他の措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）におけるその他のリスク及びそのリスクに対する措置"?: Shared439
"記載状態"?: Shared1
"注記"?: Shared2
}
"情報提供ネットワークシステムとの接続"?: {
"接続しない（入手）"?: Shared8
"接続しない（提供）"?: Shared8
"目的外の入手が行われるリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"不正な提供が行われるリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"情報提供ネットワークシステムとの接続に伴うその他のリスク及びそのリスクに対する措置"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の保管・消去"?: {
"特定個人情報の漏えい・滅失・毀損リスク"?: {
"事故発生時手順の策定・周知"?: Shared21
"過去3年以内に、評価実施機関において、個人情報に関する重大事故が発生したか"?: {
"選択"?: Shared30
"その内容"?: Shared4
"再発防止策の内容"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"その他の措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の保管・消去におけるその他のリスク及びそのリスクに対する措置"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"監査"?: {
"実施の有無"?: Shared50
"記載状態"?: Shared1
"注記"?: Shared2
}
"従業者に対する教育・啓発"?: {
"従業者に対する教育・啓発"?: {
"選択"?: Shared211
"具体的な方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"記載状態"?: Shared1
"注記"?: Shared2
}
"その他のリスク対策"?: Shared440
"記載状態"?: Shared1
"注記"?: Shared2
}[] | {
"記載状態": Shared1
"注記"?: Shared2
})
"開示請求、問合せ": {
"特定個人情報の開示・訂正・利用停止請求"?: {
"請求先"?: Shared442
"請求方法"?: Shared443
"法令による特別の手続"?: Shared444
"個人情報ファイル簿への不記載等"?: Shared445
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報ファイルの取扱いに関する問合せ"?: {
"連絡先"?: Shared446
"対応方法"?: Shared447
"記載状態"?: Shared1
"注記"?: Shared2
}
"記載状態"?: Shared1
"注記"?: Shared2
}
"評価実施手続": {
"基礎項目評価"?: {
"実施日"?: Shared55
"しきい値判断結果"?: Shared35
"記載状態"?: Shared1
"注記"?: Shared2
}
"国民・住民等からの意見の聴取"?: {
"方法"?: Shared448
"実施日・期間"?: Shared449
"主な意見の内容"?: Shared450
"記載状態"?: Shared1
"注記"?: Shared2
}
"第三者点検"?: {
"実施日"?: Shared64
"方法"?: Shared452
"結果"?: Shared453
"記載状態"?: Shared1
"注記"?: Shared2
}
"記載状態"?: Shared1
"注記"?: Shared2
}
"変更箇所": (Shared551[] | {
"記載状態": Shared1
"注記"?: Shared2
})
"別紙"?: Shared631
"転記注記"?: Shared57
}
/**
 * 評価書の公開の状態と意見募集（意見聴取）の期間・提出先。様式の項目ではなく、このサイトでの公開のための情報
 */
export interface Shared58 {
"状態": ("公表中" | "意見募集中" | "意見募集終了・確定待ち" | "事務終了")
"事務終了日"?: Shared5
"意見募集"?: {
"開始日": Shared51
"終了日": Shared51
/**
 * 意見の出し方（原文どおり）
 */
"提出方法"?: string
/**
 * 意見を受け付けるフォームなどの URL
 */
"提出先URL"?: string
"提出先メール"?: string
"提出先住所"?: string
"問合せ先"?: string
}
}
export interface Shared3 {
"記載状態": Shared1
"注記"?: Shared2
/**
 * 読み取れた範囲の原文
 */
"原文"?: string
}
/**
 * このサイトのページの元になった、評価実施機関が公表した評価書の場所。ページは転記で、原本が優先します
 */
export interface Shared62 {
/**
 * 公表された評価書（PDF など）または掲載ページの URL
 */
URL?: string
/**
 * URL がないときや補足として、原本が見られる場所（例: 個人情報保護委員会「マイナンバー保護評価Web」の評価書検索）
 */
"掲載場所"?: string
}
export interface Shared511 {
"システムの名称"?: Shared43
"システムの機能"?: Shared44
"他のシステムとの接続"?: Shared421
"記載状態"?: Shared1
"注記"?: Shared2
}
export interface Shared54 {
"提供・移転の有無"?: Shared491
/**
 * @maxItems 20
 */
"提供先"?: (Shared521[] | {
"記載状態": Shared1
"注記"?: Shared2
})
/**
 * @maxItems 20
 */
"移転先"?: (Shared53[] | {
"記載状態": Shared1
"注記"?: Shared2
})
"記載状態"?: Shared1
"注記"?: Shared2
}
export interface Shared521 {
"名称"?: Shared422
"法令上の根拠"?: Shared423
"提供先における用途"?: Shared424
"提供する情報"?: Shared425
"提供する情報の対象となる本人の数"?: Shared111
"提供する情報の対象となる本人の範囲"?: Shared426
"提供方法"?: Shared471
"時期・頻度"?: Shared427
"記載状態"?: Shared1
"注記"?: Shared2
}
export interface Shared53 {
"名称"?: Shared428
"法令上の根拠"?: Shared429
"移転先における用途"?: Shared430
"移転する情報"?: Shared432
"移転する情報の対象となる本人の数"?: Shared112
"移転する情報の対象となる本人の範囲"?: Shared433
"移転方法"?: Shared481
"時期・頻度"?: Shared434
"記載状態"?: Shared1
"注記"?: Shared2
}
export interface Shared56 {
"特定個人情報ファイル名"?: Shared4
"記録項目"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
export interface Shared551 {
"変更日": Shared65
"項目": Shared454
"変更前の記載": Shared4
"変更後の記載": Shared4
"提出時期": Shared4110
"提出時期に係る説明": Shared4
"注記"?: Shared2
}
}

export type JutenReportData = JutenReportDataTypes.JutenReportData;

export declare namespace ZenkomokuReportDataTypes {
/**
 * 比較表でまとめる事務の分類（例: 国民年金、住民基本台帳）。比較ページのアドレスとフォルダの名前になるため 40 文字まで
 */
export type Shared59 = string
/**
 * content/organisations/ にある機関ファイルの名前（拡張子なし）
 */
export type Shared60 = string
/**
 * 事務が終了した日（評価書名に【○年○月○日 終了】を付ける）
 */
export type Shared5 = ((string | null) | Shared3)
/**
 * 原文欠落: 抽出テキストにない / 判読不能: 原文が読めない / 不確実: 転記に推測を含む
 */
export type Shared1 = ("原文欠落" | "判読不能" | "不確実")
export type Shared2 = string
export type Shared51 = ((string | null) | Shared3)
/**
 * 表紙に印字された評価書番号（半角英数字とハイフン。例: 13）。案で番号がまだ印字されていないときは空欄。原文が欠けている・読めないときは「記載状態:」
 */
export type Shared61 = ((number | string | null) | Shared3)
export type Shared4 = ((string | null) | Shared3)
export type Shared52 = ((string | null) | Shared3)
/**
 * 案（意見聴取中）のときは空欄
 */
export type Shared53 = ((string | null) | Shared3)
export type Shared41 = ((string | null) | Shared3)
export type Shared42 = ((string | null) | Shared3)
export type Shared9 = (("1,000人未満" | "1,000人以上1万人未満" | "1万人以上10万人未満" | "10万人以上30万人未満" | "30万人以上" | null) | Shared3)
export type Shared43 = ((string | null) | Shared3)
export type Shared44 = ((string | null) | Shared3)
export type Shared421 = (((("情報提供ネットワークシステム" | "庁内連携システム" | "住民基本台帳ネットワークシステム" | "既存住民基本台帳システム" | "宛名システム等" | "税務システム" | "その他") | {
"その他"?: (string | null)
})[] | null) | Shared3)
export type Shared45 = ((string | null) | Shared3)
export type Shared46 = ((string | null) | Shared3)
export type Shared47 = ((string | null) | Shared3)
export type Shared15 = (("実施する" | "実施しない" | "未定" | null) | Shared3)
export type Shared48 = ((string | null) | Shared3)
export type Shared49 = ((string | null) | Shared3)
export type Shared410 = ((string | null) | Shared3)
export type Shared411 = ((string | null) | Shared3)
/**
 * 事務の流れの図。画像がある場合は public/ 以下のパス、ない場合はその旨
 */
export type Shared412 = ((string | null) | Shared3)
export type Shared413 = ((string | null) | Shared3)
export type Shared13 = (("システム用ファイル" | "その他の電子ファイル（表計算ファイル等）" | null) | Shared3)
export type Shared11 = (("1万人未満" | "1万人以上10万人未満" | "10万人以上100万人未満" | "100万人以上1,000万人未満" | "1,000万人以上" | null) | Shared3)
export type Shared414 = ((string | null) | Shared3)
export type Shared415 = ((string | null) | Shared3)
export type Shared14 = (("10項目未満" | "10項目以上50項目未満" | "50項目以上100項目未満" | "100項目以上" | null) | Shared3)
export type Shared431 = (((("個人番号" | "個人番号対応符号" | "その他識別情報（内部番号）" | "4情報（氏名、性別、生年月日、住所）" | "5情報（氏名、氏名の振り仮名、性別、生年月日、住所）" | "連絡先（電話番号等）" | "その他住民票関係情報" | "国税関係情報" | "地方税関係情報" | "健康・医療関係情報" | "医療保険関係情報" | "児童福祉・子育て関係情報" | "障害者福祉関係情報" | "生活保護・社会福祉関係情報" | "介護・高齢者福祉関係情報" | "雇用・労働関係情報" | "年金関係情報" | "学校・教育関係情報" | "災害関係情報" | "その他") | {
"その他"?: (string | null)
})[] | null) | Shared3)
export type Shared6 = ((string | null) | {
/**
 * 原文どおりの表記（例: 平成27年10月予定）
 */
"表記"?: string
"日付"?: string
"記載状態"?: Shared1
"注記"?: Shared2
"原文"?: string
})
export type Shared416 = ((string | null) | Shared3)
export type Shared441 = (((("本人又は本人の代理人" | "評価実施機関内の他部署" | "行政機関・独立行政法人等" | "地方公共団体・地方独立行政法人" | "民間事業者" | "その他") | {
"評価実施機関内の他部署"?: (string | null)
"行政機関・独立行政法人等"?: (string | null)
"地方公共団体・地方独立行政法人"?: (string | null)
"民間事業者"?: (string | null)
"その他"?: (string | null)
})[] | null) | Shared3)
export type Shared451 = (((("紙" | "電子記録媒体（フラッシュメモリを除く。）" | "フラッシュメモリ" | "電子メール" | "専用線" | "庁内連携システム" | "情報提供ネットワークシステム" | "その他") | {
"その他"?: (string | null)
})[] | null) | Shared3)
export type Shared417 = ((string | null) | Shared3)
export type Shared418 = ((string | null) | Shared3)
export type Shared419 = ((string | null) | Shared3)
export type Shared420 = ((string | null) | Shared3)
export type Shared422 = ((string | null) | Shared3)
export type Shared423 = ((string | null) | Shared3)
export type Shared12 = (("10人未満" | "10人以上50人未満" | "50人以上100人未満" | "100人以上500人未満" | "500人以上1,000人未満" | "1,000人以上" | null) | Shared3)
export type Shared424 = ((string | null) | Shared3)
export type Shared63 = ((string | null) | {
/**
 * 原文どおりの表記（例: 平成27年10月予定）
 */
"表記"?: string
"日付"?: string
"記載状態"?: Shared1
"注記"?: Shared2
"原文"?: string
})
export type Shared16 = (("委託する" | "委託しない" | null) | Shared3)
export type Shared7 = ((number | null) | Shared3)
/**
 * 「委託事項n」の欄に書かれた名称
 */
export type Shared425 = ((string | null) | Shared3)
export type Shared426 = ((string | null) | Shared3)
export type Shared18 = (("特定個人情報ファイルの全体" | "特定個人情報ファイルの一部" | null) | Shared3)
export type Shared111 = (("1万人未満" | "1万人以上10万人未満" | "10万人以上100万人未満" | "100万人以上1,000万人未満" | "1,000万人以上" | null) | Shared3)
export type Shared427 = ((string | null) | Shared3)
export type Shared121 = (("10人未満" | "10人以上50人未満" | "50人以上100人未満" | "100人以上500人未満" | "500人以上1,000人未満" | "1,000人以上" | null) | Shared3)
export type Shared461 = (((("専用線" | "電子メール" | "電子記録媒体（フラッシュメモリを除く。）" | "フラッシュメモリ" | "紙" | "その他") | {
"その他"?: (string | null)
})[] | null) | Shared3)
export type Shared428 = ((string | null) | Shared3)
export type Shared429 = ((string | null) | Shared3)
export type Shared17 = (("再委託する" | "再委託しない" | null) | Shared3)
export type Shared430 = ((string | null) | Shared3)
export type Shared432 = ((string | null) | Shared3)
export type Shared491 = (((("提供を行っている" | "移転を行っている" | "行っていない") | {
"提供を行っている"?: (number | string)
"移転を行っている"?: (number | string)
})[] | null) | Shared3)
/**
 * 「提供先n」の欄に書かれた名称
 */
export type Shared433 = ((string | null) | Shared3)
export type Shared434 = ((string | null) | Shared3)
export type Shared435 = ((string | null) | Shared3)
export type Shared436 = ((string | null) | Shared3)
export type Shared112 = (("1万人未満" | "1万人以上10万人未満" | "10万人以上100万人未満" | "100万人以上1,000万人未満" | "1,000万人以上" | null) | Shared3)
export type Shared437 = ((string | null) | Shared3)
export type Shared471 = (((("情報提供ネットワークシステム" | "専用線" | "電子メール" | "電子記録媒体（フラッシュメモリを除く。）" | "フラッシュメモリ" | "紙" | "その他") | {
"その他"?: (string | null)
})[] | null) | Shared3)
export type Shared438 = ((string | null) | Shared3)
/**
 * 「移転先n」の欄に書かれた名称
 */
export type Shared439 = ((string | null) | Shared3)
export type Shared440 = ((string | null) | Shared3)
export type Shared442 = ((string | null) | Shared3)
export type Shared443 = ((string | null) | Shared3)
export type Shared113 = (("1万人未満" | "1万人以上10万人未満" | "10万人以上100万人未満" | "100万人以上1,000万人未満" | "1,000万人以上" | null) | Shared3)
export type Shared444 = ((string | null) | Shared3)
export type Shared481 = (((("庁内連携システム" | "専用線" | "電子メール" | "電子記録媒体（フラッシュメモリを除く。）" | "フラッシュメモリ" | "紙" | "その他") | {
"その他"?: (string | null)
})[] | null) | Shared3)
export type Shared445 = ((string | null) | Shared3)
export type Shared446 = ((string | null) | Shared3)
export type Shared19 = (("1年未満" | "1年" | "2年" | "3年" | "4年" | "5年" | "6年以上10年未満" | "10年以上20年未満" | "20年以上" | "定められていない" | null) | Shared3)
export type Shared447 = ((string | null) | Shared3)
export type Shared448 = ((string | null) | Shared3)
export type Shared449 = ((string | null) | Shared3)
export type Shared20 = (("特に力を入れている" | "十分である" | "課題が残されている" | null) | Shared3)
export type Shared23 = (("行っている" | "行っていない" | null) | Shared3)
export type Shared231 = (("行っている" | "行っていない" | null) | Shared3)
export type Shared232 = (("行っている" | "行っていない" | null) | Shared3)
export type Shared24 = (("記録を残している" | "記録を残していない" | null) | Shared3)
export type Shared8 = ((boolean | null) | Shared3)
export type Shared450 = ((string | null) | Shared3)
export type Shared26 = (("制限している" | "制限していない" | null) | Shared3)
export type Shared241 = (("記録を残している" | "記録を残していない" | null) | Shared3)
export type Shared25 = (("定めている" | "定めていない" | null) | Shared3)
export type Shared251 = (("定めている" | "定めていない" | null) | Shared3)
export type Shared252 = (("定めている" | "定めていない" | null) | Shared3)
export type Shared22 = (("特に力を入れて行っている" | "十分に行っている" | "十分に行っていない" | "再委託していない" | null) | Shared3)
export type Shared452 = ((string | null) | Shared3)
export type Shared201 = (("特に力を入れている" | "十分である" | "課題が残されている" | null) | Shared3)
export type Shared453 = ((string | null) | Shared3)
export type Shared242 = (("記録を残している" | "記録を残していない" | null) | Shared3)
export type Shared253 = (("定めている" | "定めていない" | null) | Shared3)
export type Shared454 = ((string | null) | Shared3)
export type Shared27 = (("特に力を入れて遵守している" | "十分に遵守している" | "十分に遵守していない" | "政府機関ではない" | null) | Shared3)
export type Shared28 = (("特に力を入れて整備している" | "十分に整備している" | "十分に整備していない" | null) | Shared3)
export type Shared281 = (("特に力を入れて整備している" | "十分に整備している" | "十分に整備していない" | null) | Shared3)
export type Shared29 = (("特に力を入れて周知している" | "十分に周知している" | "十分に周知していない" | null) | Shared3)
export type Shared21 = (("特に力を入れて行っている" | "十分に行っている" | "十分に行っていない" | null) | Shared3)
export type Shared211 = (("特に力を入れて行っている" | "十分に行っている" | "十分に行っていない" | null) | Shared3)
export type Shared212 = (("特に力を入れて行っている" | "十分に行っている" | "十分に行っていない" | null) | Shared3)
export type Shared213 = (("特に力を入れて行っている" | "十分に行っている" | "十分に行っていない" | null) | Shared3)
export type Shared30 = (("発生あり" | "発生なし" | null) | Shared3)
export type Shared31 = (("保管している" | "保管していない" | null) | Shared3)
export type Shared254 = (("定めている" | "定めていない" | null) | Shared3)
export type Shared214 = (("特に力を入れて行っている" | "十分に行っている" | "十分に行っていない" | null) | Shared3)
export type Shared215 = (("特に力を入れて行っている" | "十分に行っている" | "十分に行っていない" | null) | Shared3)
export type Shared216 = (("特に力を入れて行っている" | "十分に行っている" | "十分に行っていない" | null) | Shared3)
export type Shared455 = ((string | null) | Shared3)
export type Shared456 = ((string | null) | Shared3)
export type Shared457 = ((string | null) | Shared3)
export type Shared32 = (("有料" | "無料" | null) | Shared3)
export type Shared33 = (("行っている" | "行っていない" | null) | Shared3)
export type Shared458 = ((string | null) | Shared3)
export type Shared459 = ((string | null) | Shared3)
export type Shared460 = ((string | null) | Shared3)
export type Shared462 = ((string | null) | Shared3)
export type Shared55 = ((string | null) | Shared3)
export type Shared34 = (("基礎項目評価及び全項目評価の実施が義務付けられる" | "基礎項目評価及び重点項目評価の実施が義務付けられる（任意に全項目評価を実施）" | "基礎項目評価の実施が義務付けられる（任意に全項目評価を実施）" | "特定個人情報保護評価の実施が義務付けられない（任意に全項目評価を実施）" | null) | Shared3)
export type Shared463 = ((string | null) | Shared3)
export type Shared464 = ((string | null) | Shared3)
export type Shared465 = ((string | null) | Shared3)
export type Shared466 = ((string | null) | Shared3)
export type Shared467 = ((string | null) | Shared3)
export type Shared64 = ((string | null) | {
/**
 * 原文どおりの表記（例: 平成27年10月予定）
 */
"表記"?: string
"日付"?: string
"記載状態"?: Shared1
"注記"?: Shared2
"原文"?: string
})
export type Shared468 = ((string | null) | Shared3)
export type Shared469 = ((string | null) | Shared3)
export type Shared57 = ((string | null) | Shared3)
export type Shared470 = ((string | null) | Shared3)
/**
 * 和暦の原文は日付（YYYY-MM-DD）に直す。記載のない行は空欄（値なし）
 */
export type Shared65 = ((string | null) | {
/**
 * 原文どおりの表記（例: 平成27年10月予定）
 */
"表記"?: string
"日付"?: string
"記載状態"?: Shared1
"注記"?: Shared2
"原文"?: string
})
/**
 * 変更した項目。公表された評価書の書き方のまま
 */
export type Shared472 = ((string | null) | Shared3)
export type Shared4110 = (("事前" | "事後" | null) | Shared3)
export type Shared631 = ({
"名称"?: Shared473
"内容"?: Shared474
}[] | {
"記載状態": Shared1
"注記"?: Shared2
})
/**
 * 「（別紙1）」などに続けて印字された題（例: 番号法第十九条第七号 別表第二に定める事務）
 */
export type Shared473 = ((string | null) | Shared3)
/**
 * 別紙の本文。表は 1 行に 1 件など、原本の順に書きます
 */
export type Shared474 = ((string | null) | Shared3)
/**
 * 原文の欠落・判読不能・推定など、転記で判断したことの記録
 */
export type Shared571 = {
"項目": string
"内容": string
}[]

export interface ZenkomokuReportData {
"様式": "全項目評価書"
/**
 * 表紙の右上の［ ］の中の様式の版を、［ ］を付けずに（例: 令和７年５月　様式４）
 */
"様式版"?: (string | null)
/**
 * 様式の表題（特定個人情報保護評価書（…評価書））の上に印字された表示を原文どおりに（例: (素案)）
 */
"表題の上の記載"?: string
"事務分類": Shared59
"評価実施機関": Shared60
"公開状態"?: Shared58
"原本"?: Shared62
"表紙": {
"評価書番号"?: Shared61
"評価書名"?: Shared4
"個人のプライバシー等の権利利益の保護の宣言"?: Shared4
"特記事項"?: Shared4
"評価実施機関名"?: Shared4
"個人情報保護委員会承認日"?: Shared52
"公表日"?: Shared53
"記載状態"?: Shared1
"注記"?: Shared2
}
"基本情報": {
"特定個人情報ファイルを取り扱う事務"?: {
"事務の名称"?: Shared41
"事務の内容"?: Shared42
"対象人数"?: Shared9
"記載状態"?: Shared1
"注記"?: Shared2
}
/**
 * @maxItems 20
 */
"特定個人情報ファイルを取り扱う事務において使用するシステム"?: (Shared511[] | {
"記載状態": Shared1
"注記"?: Shared2
})
"特定個人情報ファイル名"?: Shared45
"特定個人情報ファイルを取り扱う理由"?: {
"事務実施上の必要性"?: Shared46
"実現が期待されるメリット"?: Shared47
"記載状態"?: Shared1
"注記"?: Shared2
}
"個人番号の利用"?: {
"法令上の根拠"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"情報提供ネットワークシステムによる情報連携"?: {
"実施の有無"?: Shared15
"法令上の根拠"?: Shared48
"記載状態"?: Shared1
"注記"?: Shared2
}
"評価実施機関における担当部署"?: {
"部署"?: Shared49
"所属長の役職名"?: Shared410
"記載状態"?: Shared1
"注記"?: Shared2
}
"他の評価実施機関"?: Shared411
"記載状態"?: Shared1
"注記"?: Shared2
}
"事務の内容": {
"図"?: Shared412
"備考"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
/**
 * @minItems 1
 */
"特定個人情報ファイルの概要": ({
"特定個人情報ファイル名"?: Shared413
"基本情報"?: {
"ファイルの種類"?: Shared13
"対象となる本人の数"?: Shared11
"対象となる本人の範囲"?: {
"内容"?: Shared414
"その必要性"?: Shared415
"記載状態"?: Shared1
"注記"?: Shared2
}
"記録される項目"?: {
"選択"?: Shared14
"主な記録項目"?: Shared431
"その妥当性"?: Shared4
"全ての記録項目"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"保有開始日"?: Shared6
"事務担当部署"?: Shared416
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の入手・使用"?: {
"入手元"?: Shared441
"入手方法"?: Shared451
"入手の時期・頻度"?: Shared417
"入手に係る妥当性"?: Shared418
"本人への明示"?: Shared419
"使用目的"?: {
"内容"?: Shared420
"変更の妥当性"?: Shared422
"記載状態"?: Shared1
"注記"?: Shared2
}
"使用の主体"?: {
"使用部署"?: Shared423
"使用者数"?: Shared12
"記載状態"?: Shared1
"注記"?: Shared2
}
"使用方法"?: {
"内容"?: Shared424
"情報の突合"?: Shared4
"情報の統計分析"?: Shared4
"権利利益に影響を与え得る決定"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"使用開始日"?: Shared63
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報ファイルの取扱いの委託"?: {
"委託の有無"?: Shared16
"件数"?: Shared7
/**
 * @maxItems 20
 */
"委託事項"?: ({
"名称"?: Shared425
"委託内容"?: Shared426
"取扱いを委託する特定個人情報ファイルの範囲"?: {
"選択"?: Shared18
"対象となる本人の数"?: Shared111
"対象となる本人の範囲"?: Shared427
"その妥当性"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"委託先における取扱者数"?: Shared121
"委託先への特定個人情報ファイルの提供方法"?: Shared461
"委託先名の確認方法"?: Shared428
"委託先名"?: Shared429
"再委託"?: {
"再委託の有無"?: Shared17
"再委託の許諾方法"?: Shared430
"再委託事項"?: Shared432
"記載状態"?: Shared1
"注記"?: Shared2
}
"記載状態"?: Shared1
"注記"?: Shared2
}[] | {
"記載状態": Shared1
"注記"?: Shared2
})
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の提供・移転（委託に伴うものを除く。）"?: Shared54
"特定個人情報の保管・消去"?: {
"保管場所"?: Shared446
"保管期間"?: {
"期間"?: Shared19
"その妥当性"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"消去方法"?: Shared447
"記載状態"?: Shared1
"注記"?: Shared2
}
"備考"?: Shared448
"記載状態"?: Shared1
"注記"?: Shared2
}[] | {
"記載状態": Shared1
"注記"?: Shared2
})
"特定個人情報ファイル記録項目": (Shared56[] | {
"記載状態": Shared1
"注記"?: Shared2
})
/**
 * ※（7. リスク1⑨を除く。）
 */
"特定個人情報ファイルの取扱いプロセスにおけるリスク対策": ({
"特定個人情報ファイル名"?: Shared449
"特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）"?: {
"目的外の入手が行われるリスク"?: {
"対象者以外の情報の入手を防止するための措置の内容"?: Shared4
"必要な情報以外を入手することを防止するための措置の内容"?: Shared4
"その他の措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"不適切な方法で入手が行われるリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"入手した特定個人情報が不正確であるリスク"?: {
"入手の際の本人確認の措置の内容"?: Shared4
"個人番号の真正性確認の措置の内容"?: Shared4
"特定個人情報の正確性確保の措置の内容"?: Shared4
"その他の措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"入手の際に特定個人情報が漏えい・紛失するリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）におけるその他のリスク及びそのリスクに対する措置"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の使用"?: {
"目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスク"?: {
"宛名システム等における措置の内容"?: Shared4
"事務で使用するその他のシステムにおける措置の内容"?: Shared4
"その他の措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスク"?: {
"ユーザ認証の管理"?: {
"選択"?: Shared23
"具体的な管理方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"アクセス権限の発効・失効の管理"?: {
"選択"?: Shared231
"具体的な管理方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"アクセス権限の管理"?: {
"選択"?: Shared232
"具体的な管理方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の使用の記録"?: {
"選択"?: Shared24
"具体的な方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"その他の措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"従業者が事務外で使用するリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報ファイルが不正に複製されるリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の使用におけるその他のリスク及びそのリスクに対する措置"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
/**
 * 委託先による特定個人情報の不正入手・不正な使用に関するリスク／委託先による特定個人情報の不正な提供に関するリスク／委託先による特定個人情報の保管・消去に関するリスク／委託契約終了後の不正な使用等のリスク／再委託に関するリスク
 */
"特定個人情報ファイルの取扱いの委託"?: {
"委託しない"?: Shared8
"情報保護管理体制の確認"?: Shared450
"特定個人情報ファイルの閲覧者・更新者の制限"?: {
"選択"?: Shared26
"具体的な制限方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報ファイルの取扱いの記録"?: {
"選択"?: Shared241
"具体的な方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の提供ルール"?: {
"選択"?: Shared25
"委託先から他者への提供に関するルールの内容及びルール遵守の確認方法"?: Shared4
"委託元と委託先間の提供に関するルールの内容及びルール遵守の確認方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の消去ルール"?: {
"選択"?: Shared251
"ルールの内容及びルール遵守の確認方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"委託契約書中の特定個人情報ファイルの取扱いに関する規定"?: {
"選択"?: Shared252
"規定の内容"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"再委託先による特定個人情報ファイルの適切な取扱いの確保"?: {
"選択"?: Shared22
"具体的な方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"その他の措置の内容"?: Shared452
"リスクへの対策は十分か"?: Shared201
"特定個人情報ファイルの取扱いの委託におけるその他のリスク及びそのリスクに対する措置"?: Shared453
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）"?: {
"提供・移転しない"?: Shared8
"不正な提供・移転が行われるリスク"?: {
"特定個人情報の提供・移転の記録"?: {
"選択"?: Shared242
"具体的な方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の提供・移転に関するルール"?: {
"選択"?: Shared253
"ルールの内容及びルール遵守の確認方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"その他の措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"不適切な方法で提供・移転が行われるリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"誤った情報を提供・移転してしまうリスク、誤った相手に提供・移転してしまうリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）におけるその他のリスク及びそのリスクに対する措置"?: Shared454
"記載状態"?: Shared1
"注記"?: Shared2
}
"情報提供ネットワークシステムとの接続"?: {
"接続しない（入手）"?: Shared8
"接続しない（提供）"?: Shared8
"目的外の入手が行われるリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"安全が保たれない方法によって入手が行われるリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"入手した特定個人情報が不正確であるリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"入手の際に特定個人情報が漏えい・紛失するリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"不正な提供が行われるリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"不適切な方法で提供されるリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"誤った情報を提供してしまうリスク、誤った相手に提供してしまうリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"情報提供ネットワークシステムとの接続に伴うその他のリスク及びそのリスクに対する措置"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の保管・消去"?: {
"特定個人情報の漏えい・滅失・毀損リスク"?: {
"NISC政府機関統一基準群"?: Shared27
"安全管理体制"?: Shared28
"安全管理規程"?: Shared281
"安全管理体制・規程の職員への周知"?: Shared29
"物理的対策"?: {
"選択"?: Shared21
"具体的な対策の内容"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"技術的対策"?: {
"選択"?: Shared211
"具体的な対策の内容"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"バックアップ"?: Shared212
"事故発生時手順の策定・周知"?: Shared213
"過去3年以内に、評価実施機関において、個人情報に関する重大事故が発生したか"?: {
"選択"?: Shared30
"その内容"?: Shared4
"再発防止策の内容"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"死者の個人番号"?: {
"選択"?: Shared31
"具体的な保管方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"その他の措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報が古い情報のまま保管され続けるリスク"?: {
"リスクに対する措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報が消去されずいつまでも存在するリスク"?: {
"消去手順"?: {
"選択"?: Shared254
"手順の内容"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"その他の措置の内容"?: Shared4
"リスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の保管・消去におけるその他のリスク及びそのリスクに対する措置"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"記載状態"?: Shared1
"注記"?: Shared2
}[] | {
"記載状態": Shared1
"注記"?: Shared2
})
"その他のリスク対策": {
"監査"?: {
"自己点検"?: {
"選択"?: Shared214
"具体的なチェック方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"監査"?: {
"選択"?: Shared215
"具体的な内容"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"記載状態"?: Shared1
"注記"?: Shared2
}
"従業者に対する教育・啓発"?: {
"従業者に対する教育・啓発"?: {
"選択"?: Shared216
"具体的な方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"記載状態"?: Shared1
"注記"?: Shared2
}
"その他のリスク対策"?: Shared455
"記載状態"?: Shared1
"注記"?: Shared2
}
"開示請求、問合せ": {
"特定個人情報の開示・訂正・利用停止請求"?: {
"請求先"?: Shared456
"請求方法"?: {
"内容"?: Shared457
"特記事項"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"手数料等"?: {
"選択"?: Shared32
"手数料額、納付方法"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"個人情報ファイル簿の公表"?: {
"選択"?: Shared33
"個人情報ファイル名"?: Shared4
"公表場所"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"法令による特別の手続"?: Shared458
"個人情報ファイル簿への不記載等"?: Shared459
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報ファイルの取扱いに関する問合せ"?: {
"連絡先"?: Shared460
"対応方法"?: Shared462
"記載状態"?: Shared1
"注記"?: Shared2
}
"記載状態"?: Shared1
"注記"?: Shared2
}
"評価実施手続": {
"基礎項目評価"?: {
"実施日"?: Shared55
"しきい値判断結果"?: Shared34
"記載状態"?: Shared1
"注記"?: Shared2
}
"国民・住民等からの意見の聴取"?: {
"方法"?: Shared463
"実施日・期間"?: Shared464
"期間を短縮する特段の理由"?: Shared465
"主な意見の内容"?: Shared466
"評価書への反映"?: Shared467
"記載状態"?: Shared1
"注記"?: Shared2
}
"第三者点検"?: {
"実施日"?: Shared64
"方法"?: Shared468
"結果"?: Shared469
"記載状態"?: Shared1
"注記"?: Shared2
}
"個人情報保護委員会の承認"?: {
"提出日"?: Shared57
"個人情報保護委員会による審査"?: Shared470
"記載状態"?: Shared1
"注記"?: Shared2
}
"記載状態"?: Shared1
"注記"?: Shared2
}
"変更箇所": (Shared551[] | {
"記載状態": Shared1
"注記"?: Shared2
})
"別紙"?: Shared631
"転記注記"?: Shared571
}
/**
 * 評価書の公開の状態と意見募集（意見聴取）の期間・提出先。様式の項目ではなく、このサイトでの公開のための情報
 */
export interface Shared58 {
"状態": ("公表中" | "意見募集中" | "意見募集終了・確定待ち" | "事務終了")
"事務終了日"?: Shared5
"意見募集"?: {
"開始日": Shared51
"終了日": Shared51
/**
 * 意見の出し方（原文どおり）
 */
"提出方法"?: string
/**
 * 意見を受け付けるフォームなどの URL
 */
"提出先URL"?: string
"提出先メール"?: string
"提出先住所"?: string
"問合せ先"?: string
}
}
export interface Shared3 {
"記載状態": Shared1
"注記"?: Shared2
/**
 * 読み取れた範囲の原文
 */
"原文"?: string
}
/**
 * このサイトのページの元になった、評価実施機関が公表した評価書の場所。ページは転記で、原本が優先します
 */
export interface Shared62 {
/**
 * 公表された評価書（PDF など）または掲載ページの URL
 */
URL?: string
/**
 * URL がないときや補足として、原本が見られる場所（例: 個人情報保護委員会「マイナンバー保護評価Web」の評価書検索）
 */
"掲載場所"?: string
}
export interface Shared511 {
"システムの名称"?: Shared43
"システムの機能"?: Shared44
"他のシステムとの接続"?: Shared421
"記載状態"?: Shared1
"注記"?: Shared2
}
export interface Shared54 {
"提供・移転の有無"?: Shared491
/**
 * @maxItems 20
 */
"提供先"?: (Shared521[] | {
"記載状態": Shared1
"注記"?: Shared2
})
/**
 * @maxItems 20
 */
"移転先"?: (Shared531[] | {
"記載状態": Shared1
"注記"?: Shared2
})
"記載状態"?: Shared1
"注記"?: Shared2
}
export interface Shared521 {
"名称"?: Shared433
"法令上の根拠"?: Shared434
"提供先における用途"?: Shared435
"提供する情報"?: Shared436
"提供する情報の対象となる本人の数"?: Shared112
"提供する情報の対象となる本人の範囲"?: Shared437
"提供方法"?: Shared471
"時期・頻度"?: Shared438
"記載状態"?: Shared1
"注記"?: Shared2
}
export interface Shared531 {
"名称"?: Shared439
"法令上の根拠"?: Shared440
"移転先における用途"?: Shared442
"移転する情報"?: Shared443
"移転する情報の対象となる本人の数"?: Shared113
"移転する情報の対象となる本人の範囲"?: Shared444
"移転方法"?: Shared481
"時期・頻度"?: Shared445
"記載状態"?: Shared1
"注記"?: Shared2
}
export interface Shared56 {
"特定個人情報ファイル名"?: Shared4
"記録項目"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
export interface Shared551 {
"変更日": Shared65
"項目": Shared472
"変更前の記載": Shared4
"変更後の記載": Shared4
"提出時期": Shared4110
"提出時期に係る説明": Shared4
"注記"?: Shared2
}
}

export type ZenkomokuReportData = ZenkomokuReportDataTypes.ZenkomokuReportData;

export declare namespace KisoReportDataTypes {
/**
 * 比較表でまとめる事務の分類（例: 国民年金、住民基本台帳）。比較ページのアドレスとフォルダの名前になるため 40 文字まで
 */
export type Shared59 = string
/**
 * content/organisations/ にある機関ファイルの名前（拡張子なし）
 */
export type Shared60 = string
/**
 * 事務が終了した日（評価書名に【○年○月○日 終了】を付ける）
 */
export type Shared5 = ((string | null) | Shared3)
/**
 * 原文欠落: 抽出テキストにない / 判読不能: 原文が読めない / 不確実: 転記に推測を含む
 */
export type Shared1 = ("原文欠落" | "判読不能" | "不確実")
export type Shared2 = string
export type Shared51 = ((string | null) | Shared3)
/**
 * 表紙に印字された評価書番号（半角英数字とハイフン。例: 13）。案で番号がまだ印字されていないときは空欄。原文が欠けている・読めないときは「記載状態:」
 */
export type Shared61 = ((number | string | null) | Shared3)
export type Shared4 = ((string | null) | Shared3)
/**
 * 案（意見聴取中）のときは空欄
 */
export type Shared52 = ((string | null) | Shared3)
export type Shared41 = ((string | null) | Shared3)
export type Shared42 = ((string | null) | Shared3)
export type Shared43 = ((string | null) | Shared3)
export type Shared44 = ((string | null) | Shared3)
export type Shared15 = (("実施する" | "実施しない" | "未定" | null) | Shared3)
export type Shared45 = ((string | null) | Shared3)
export type Shared46 = ((string | null) | Shared3)
export type Shared47 = ((string | null) | Shared3)
export type Shared48 = ((string | null) | Shared3)
export type Shared8 = ((boolean | null) | Shared3)
export type Shared37 = (("1,000人未満（任意実施）" | "1,000人以上1万人未満" | "1万人以上10万人未満" | "10万人以上30万人未満" | "30万人以上" | null) | Shared3)
export type Shared38 = (("500人以上" | "500人未満" | null) | Shared3)
export type Shared30 = (("発生あり" | "発生なし" | null) | Shared3)
export type Shared36 = (("基礎項目評価及び全項目評価の実施が義務付けられる" | "基礎項目評価及び重点項目評価の実施が義務付けられる" | "基礎項目評価の実施が義務付けられる" | "特定個人情報保護評価の実施が義務付けられない" | null) | Shared3)
export type Shared39 = (("基礎項目評価書" | "基礎項目評価書及び重点項目評価書" | "基礎項目評価書及び全項目評価書" | null) | Shared3)
export type Shared20 = (("特に力を入れている" | "十分である" | "課題が残されている" | null) | Shared3)
export type Shared201 = (("特に力を入れている" | "十分である" | "課題が残されている" | null) | Shared3)
export type Shared202 = (("特に力を入れている" | "十分である" | "課題が残されている" | null) | Shared3)
export type Shared81 = ((boolean | null) | Shared3)
export type Shared203 = (("特に力を入れている" | "十分である" | "課題が残されている" | null) | Shared3)
export type Shared82 = ((boolean | null) | Shared3)
export type Shared204 = (("特に力を入れている" | "十分である" | "課題が残されている" | null) | Shared3)
export type Shared205 = (("特に力を入れている" | "十分である" | "課題が残されている" | null) | Shared3)
export type Shared206 = (("特に力を入れている" | "十分である" | "課題が残されている" | null) | Shared3)
export type Shared207 = (("特に力を入れている" | "十分である" | "課題が残されている" | null) | Shared3)
export type Shared208 = (("特に力を入れている" | "十分である" | "課題が残されている" | null) | Shared3)
export type Shared50 = (((("自己点検" | "内部監査" | "外部監査") | {

})[] | null) | Shared3)
export type Shared21 = (("特に力を入れて行っている" | "十分に行っている" | "十分に行っていない" | null) | Shared3)
export type Shared40 = (("目的外の入手が行われるリスクへの対策" | "目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスクへの対策" | "権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスクへの対策" | "委託先における不正な使用等のリスクへの対策" | "不正な提供・移転が行われるリスクへの対策（委託や情報提供ネットワークシステムを通じた提供を除く。）" | "情報提供ネットワークシステムを通じて目的外の入手が行われるリスクへの対策" | "情報提供ネットワークシステムを通じて不正な提供が行われるリスクへの対策" | "特定個人情報の漏えい・滅失・毀損リスクへの対策" | "従業者に対する教育・啓発" | null) | Shared3)
export type Shared209 = (("特に力を入れている" | "十分である" | "課題が残されている" | null) | Shared3)
export type Shared49 = ((string | null) | Shared3)
/**
 * 和暦の原文は日付（YYYY-MM-DD）に直す。記載のない行は空欄（値なし）
 */
export type Shared6 = ((string | null) | {
/**
 * 原文どおりの表記（例: 平成27年10月予定）
 */
"表記"?: string
"日付"?: string
"記載状態"?: Shared1
"注記"?: Shared2
"原文"?: string
})
/**
 * 変更した項目。公表された評価書の書き方のまま
 */
export type Shared410 = ((string | null) | Shared3)
export type Shared411 = (("事前" | "事後" | null) | Shared3)
export type Shared63 = ({
"名称"?: Shared412
"内容"?: Shared413
}[] | {
"記載状態": Shared1
"注記"?: Shared2
})
/**
 * 「（別紙1）」などに続けて印字された題（例: 番号法第十九条第七号 別表第二に定める事務）
 */
export type Shared412 = ((string | null) | Shared3)
/**
 * 別紙の本文。表は 1 行に 1 件など、原本の順に書きます
 */
export type Shared413 = ((string | null) | Shared3)
/**
 * 原文の欠落・判読不能・推定など、転記で判断したことの記録
 */
export type Shared57 = {
"項目": string
"内容": string
}[]

export interface KisoReportData {
"様式": "基礎項目評価書"
/**
 * 表紙の右上の［ ］の中の様式の版を、［ ］を付けずに（例: 令和７年５月　様式２）
 */
"様式版"?: (string | null)
/**
 * 様式の表題（特定個人情報保護評価書（…評価書））の上に印字された表示を原文どおりに（例: (素案)）
 */
"表題の上の記載"?: string
"事務分類": Shared59
"評価実施機関": Shared60
"公開状態"?: Shared58
"原本"?: Shared62
"表紙": {
"評価書番号"?: Shared61
"評価書名"?: Shared4
"個人のプライバシー等の権利利益の保護の宣言"?: Shared4
"特記事項"?: Shared4
"評価実施機関名"?: Shared4
"公表日"?: Shared52
"記載状態"?: Shared1
"注記"?: Shared2
}
"関連情報": {
"特定個人情報ファイルを取り扱う事務"?: {
"事務の名称"?: Shared41
"事務の概要"?: Shared42
"システムの名称"?: Shared43
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報ファイル名"?: Shared44
"個人番号の利用"?: {
"法令上の根拠"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"情報提供ネットワークシステムによる情報連携"?: {
"実施の有無"?: Shared15
"法令上の根拠"?: Shared45
"記載状態"?: Shared1
"注記"?: Shared2
}
"評価実施機関における担当部署"?: {
"部署"?: Shared46
"所属長の役職名"?: Shared47
"記載状態"?: Shared1
"注記"?: Shared2
}
"他の評価実施機関"?: Shared48
"特定個人情報の開示・訂正・利用停止請求"?: {
"請求先"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報ファイルの取扱いに関する問合せ"?: {
"連絡先"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"規則第9条第2項の適用"?: {
"適用した"?: Shared8
"適用した理由"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"記載状態"?: Shared1
"注記"?: Shared2
}
"しきい値判断項目": {
"対象人数"?: {
"評価対象の事務の対象人数は何人か"?: Shared37
"いつ時点の計数か"?: Shared51
"記載状態"?: Shared1
"注記"?: Shared2
}
"取扱者数"?: {
"特定個人情報ファイル取扱者数は500人以上か"?: Shared38
"いつ時点の計数か"?: Shared51
"記載状態"?: Shared1
"注記"?: Shared2
}
"重大事故"?: {
"過去1年以内に、評価実施機関において特定個人情報に関する重大事故が発生したか"?: Shared30
"記載状態"?: Shared1
"注記"?: Shared2
}
"記載状態"?: Shared1
"注記"?: Shared2
}
"しきい値判断結果": {
"しきい値判断結果"?: Shared36
"記載状態"?: Shared1
"注記"?: Shared2
}
"リスク対策": {
"提出する特定個人情報保護評価書の種類"?: Shared39
"特定個人情報の入手（情報提供ネットワークシステムを通じた入手を除く。）"?: {
"目的外の入手が行われるリスクへの対策は十分か"?: Shared20
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の使用"?: {
"目的を超えた紐付け、事務に必要のない情報との紐付けが行われるリスクへの対策は十分か"?: Shared201
"権限のない者（元職員、アクセス権限のない職員等）によって不正に使用されるリスクへの対策は十分か"?: Shared202
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報ファイルの取扱いの委託"?: {
"委託しない"?: Shared81
"委託先における不正な使用等のリスクへの対策は十分か"?: Shared203
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の提供・移転（委託や情報提供ネットワークシステムを通じた提供を除く。）"?: {
"提供・移転しない"?: Shared82
"不正な提供・移転が行われるリスクへの対策は十分か"?: Shared204
"記載状態"?: Shared1
"注記"?: Shared2
}
"情報提供ネットワークシステムとの接続"?: {
"接続しない（入手）"?: Shared8
"接続しない（提供）"?: Shared8
"目的外の入手が行われるリスクへの対策は十分か"?: Shared205
"不正な提供が行われるリスクへの対策は十分か"?: Shared206
"記載状態"?: Shared1
"注記"?: Shared2
}
"特定個人情報の保管・消去"?: {
"特定個人情報の漏えい・滅失・毀損リスクへの対策は十分か"?: Shared207
"記載状態"?: Shared1
"注記"?: Shared2
}
/**
 * 様式2の新しい版にある項目。この項目のない版の様式で作られた評価書では、見出しごと書かない（ページにも出ず、後の項目はその版の番号（監査は 8.）で表示される）
 */
"人手を介在させる作業"?: {
"人手を介在させる作業はない"?: Shared8
"人為的ミスが発生するリスクへの対策は十分か"?: Shared208
"判断の根拠"?: Shared4
"記載状態"?: Shared1
"注記"?: Shared2
}
"監査"?: {
"実施の有無"?: Shared50
"記載状態"?: Shared1
"注記"?: Shared2
}
"従業者に対する教育・啓発"?: {
"従業者に対する教育・啓発"?: Shared21
"記載状態"?: Shared1
"注記"?: Shared2
}
"最も優先度が高いと考えられる対策"?: {
"全項目評価又は重点項目評価を実施する"?: Shared8
"最も優先度が高いと考えられる対策"?: Shared40
"当該対策は十分か【再掲】"?: Shared209
"判断の根拠"?: Shared49
"記載状態"?: Shared1
"注記"?: Shared2
}
"記載状態"?: Shared1
"注記"?: Shared2
}
"変更箇所": (Shared55[] | {
"記載状態": Shared1
"注記"?: Shared2
})
"別紙"?: Shared63
"転記注記"?: Shared57
}
/**
 * 評価書の公開の状態と意見募集（意見聴取）の期間・提出先。様式の項目ではなく、このサイトでの公開のための情報
 */
export interface Shared58 {
"状態": ("公表中" | "意見募集中" | "意見募集終了・確定待ち" | "事務終了")
"事務終了日"?: Shared5
"意見募集"?: {
"開始日": Shared51
"終了日": Shared51
/**
 * 意見の出し方（原文どおり）
 */
"提出方法"?: string
/**
 * 意見を受け付けるフォームなどの URL
 */
"提出先URL"?: string
"提出先メール"?: string
"提出先住所"?: string
"問合せ先"?: string
}
}
export interface Shared3 {
"記載状態": Shared1
"注記"?: Shared2
/**
 * 読み取れた範囲の原文
 */
"原文"?: string
}
/**
 * このサイトのページの元になった、評価実施機関が公表した評価書の場所。ページは転記で、原本が優先します
 */
export interface Shared62 {
/**
 * 公表された評価書（PDF など）または掲載ページの URL
 */
URL?: string
/**
 * URL がないときや補足として、原本が見られる場所（例: 個人情報保護委員会「マイナンバー保護評価Web」の評価書検索）
 */
"掲載場所"?: string
}
export interface Shared55 {
"変更日": Shared6
"項目": Shared410
"変更前の記載": Shared4
"変更後の記載": Shared4
"提出時期": Shared411
"提出時期に係る説明": Shared4
"注記"?: Shared2
}
}

export type KisoReportData = KisoReportDataTypes.KisoReportData;

export type ReportData = JutenReportData | ZenkomokuReportData | KisoReportData;
