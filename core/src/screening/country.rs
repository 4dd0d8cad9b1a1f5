//! Country names as the sanctions lists write them, read into ISO 3166-1 alpha-2 codes.
//!
//! The lists name countries in many ways: codes (`IR`, `IRN`), short and formal names
//! (`Iran`, `Iran (Islamic Republic of)`), reversed names (`Korea, North`) and nationality
//! adjectives (`Iranian`). [`iso2`] reads all of them; anything it does not know is `None`,
//! never a guess.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One country a line: alpha-2, alpha-3, then its names and adjectives separated by `|`,
/// each already in the form [`normalise`] gives (lower case ASCII, no punctuation, no
/// "the", "st" written "saint"). Ambiguous words (`Korea`, `Congolese`) are left out.
const TABLE: &str = "\
AD AND andorra|andorran
AE ARE united arab emirates|uae|emirati|emirates
AF AFG afghanistan|afghan|islamic republic of afghanistan|islamic emirate of afghanistan
AG ATG antigua and barbuda|antigua|antiguan
AI AIA anguilla
AL ALB albania|albanian
AM ARM armenia|armenian
AO AGO angola|angolan
AQ ATA antarctica
AR ARG argentina|argentine|argentinian
AS ASM american samoa
AT AUT austria|austrian
AU AUS australia|australian
AW ABW aruba
AX ALA aland islands|aland
AZ AZE azerbaijan|azerbaijani|azeri
BA BIH bosnia and herzegovina|bosnia herzegovina|bosnia|bosnian
BB BRB barbados|barbadian
BD BGD bangladesh|bangladeshi
BE BEL belgium|belgian
BF BFA burkina faso|burkinabe
BG BGR bulgaria|bulgarian
BH BHR bahrain|bahraini
BI BDI burundi|burundian
BJ BEN benin|beninese
BL BLM saint barthelemy
BM BMU bermuda
BN BRN brunei|brunei darussalam|bruneian
BO BOL bolivia|bolivia plurinational state of|plurinational state of bolivia|bolivian
BQ BES bonaire sint eustatius and saba|caribbean netherlands|bonaire
BR BRA brazil|brazilian
BS BHS bahamas|bahamian
BT BTN bhutan|bhutanese
BV BVT bouvet island
BW BWA botswana|botswanan|motswana
BY BLR belarus|belarusian|belorussian|byelorussia
BZ BLZ belize|belizean
CA CAN canada|canadian
CC CCK cocos keeling islands|cocos islands
CD COD democratic republic of congo|congo democratic republic of|congo kinshasa|dr congo|drc|zaire
CF CAF central african republic|central african
CG COG congo|republic of congo|congo republic of|congo brazzaville
CH CHE switzerland|swiss
CI CIV cote divoire|ivory coast|ivorian
CK COK cook islands
CL CHL chile|chilean
CM CMR cameroon|cameroonian
CN CHN china|peoples republic of china|prc|chinese
CO COL colombia|colombian
CR CRI costa rica|costa rican
CU CUB cuba|cuban
CV CPV cabo verde|cape verde|cape verdean
CW CUW curacao
CX CXR christmas island
CY CYP cyprus|cypriot
CZ CZE czechia|czech republic|czech
DE DEU germany|federal republic of germany|german
DJ DJI djibouti|djiboutian
DK DNK denmark|danish
DM DMA dominica
DO DOM dominican republic|dominican
DZ DZA algeria|algerian
EC ECU ecuador|ecuadorian
EE EST estonia|estonian
EG EGY egypt|arab republic of egypt|egyptian
EH ESH western sahara|sahrawi
ER ERI eritrea|eritrean
ES ESP spain|spanish
ET ETH ethiopia|ethiopian
FI FIN finland|finnish
FJ FJI fiji|fijian
FK FLK falkland islands|falkland islands malvinas|falklands
FM FSM micronesia|micronesia federated states of|federated states of micronesia
FO FRO faroe islands
FR FRA france|french
GA GAB gabon|gabonese
GB GBR united kingdom|united kingdom of great britain and northern ireland|uk|great britain|britain|british|england|scotland|wales|northern ireland
GD GRD grenada|grenadian
GE GEO georgia|georgian
GF GUF french guiana
GG GGY guernsey
GH GHA ghana|ghanaian
GI GIB gibraltar
GL GRL greenland
GM GMB gambia|gambian
GN GIN guinea|guinean
GP GLP guadeloupe
GQ GNQ equatorial guinea|equatoguinean
GR GRC greece|hellenic republic|greek
GS SGS south georgia and south sandwich islands
GT GTM guatemala|guatemalan
GU GUM guam
GW GNB guinea bissau|bissau guinean
GY GUY guyana|guyanese
HK HKG hong kong|hong kong sar|hong kong china|hong kong sar china
HM HMD heard island and mcdonald islands
HN HND honduras|honduran
HR HRV croatia|croatian
HT HTI haiti|haitian
HU HUN hungary|hungarian
ID IDN indonesia|indonesian
IE IRL ireland|republic of ireland|irish
IL ISR israel|israeli
IM IMN isle of man
IN IND india|indian
IO IOT british indian ocean territory
IQ IRQ iraq|iraqi
IR IRN iran|iran islamic republic of|islamic republic of iran|iranian
IS ISL iceland|icelandic
IT ITA italy|italian
JE JEY jersey
JM JAM jamaica|jamaican
JO JOR jordan|jordanian
JP JPN japan|japanese
KE KEN kenya|kenyan
KG KGZ kyrgyzstan|kyrgyz republic|kirghizia|kyrgyz
KH KHM cambodia|cambodian
KI KIR kiribati
KM COM comoros|comorian
KN KNA saint kitts and nevis|saint kitts|kittitian
KP PRK north korea|korea north|democratic peoples republic of korea|korea democratic peoples republic of|dprk|north korean
KR KOR south korea|korea south|republic of korea|korea republic of|south korean
KW KWT kuwait|kuwaiti
KY CYM cayman islands
KZ KAZ kazakhstan|kazakh|kazakhstani
LA LAO laos|lao peoples democratic republic|lao pdr|lao|laotian
LB LBN lebanon|lebanese
LC LCA saint lucia|saint lucian
LI LIE liechtenstein
LK LKA sri lanka|sri lankan
LR LBR liberia|liberian
LS LSO lesotho
LT LTU lithuania|lithuanian
LU LUX luxembourg|luxembourgish
LV LVA latvia|latvian
LY LBY libya|state of libya|libyan arab jamahiriya|libyan
MA MAR morocco|moroccan
MC MCO monaco|monegasque
MD MDA moldova|republic of moldova|moldova republic of|moldovan
ME MNE montenegro|montenegrin
MF MAF saint martin|saint martin french part
MG MDG madagascar|malagasy
MH MHL marshall islands
MK MKD north macedonia|north macedonia republic of|republic of north macedonia|macedonia|macedonia former yugoslav republic of|former yugoslav republic of macedonia|macedonian
ML MLI mali|malian
MM MMR myanmar|burma|burmese
MN MNG mongolia|mongolian
MO MAC macao|macau
MP MNP northern mariana islands
MQ MTQ martinique
MR MRT mauritania|mauritanian
MS MSR montserrat
MT MLT malta|maltese
MU MUS mauritius|mauritian
MV MDV maldives|maldivian
MW MWI malawi|malawian
MX MEX mexico|mexican
MY MYS malaysia|malaysian
MZ MOZ mozambique|mozambican
NA NAM namibia|namibian
NC NCL new caledonia
NE NER niger|nigerien
NF NFK norfolk island
NG NGA nigeria|nigerian
NI NIC nicaragua|nicaraguan
NL NLD netherlands|kingdom of netherlands|holland|dutch
NO NOR norway|norwegian
NP NPL nepal|nepalese|nepali
NR NRU nauru|nauruan
NU NIU niue
NZ NZL new zealand|new zealander
OM OMN oman|omani
PA PAN panama|panamanian
PE PER peru|peruvian
PF PYF french polynesia
PG PNG papua new guinea|papua new guinean
PH PHL philippines|filipino|philippine
PK PAK pakistan|pakistani
PL POL poland|polish
PM SPM saint pierre and miquelon
PN PCN pitcairn
PR PRI puerto rico|puerto rican
PS PSE palestine|state of palestine|palestinian|palestinian territories|palestinian territory|palestinian territory occupied|occupied palestinian territory|west bank|gaza|gaza strip|west bank and gaza
PT PRT portugal|portuguese
PW PLW palau
PY PRY paraguay|paraguayan
QA QAT qatar|qatari
RE REU reunion
RO ROU romania|romanian
RS SRB serbia|serbian
RU RUS russia|russian federation|russian
RW RWA rwanda|rwandan
SA SAU saudi arabia|kingdom of saudi arabia|saudi|saudi arabian
SB SLB solomon islands
SC SYC seychelles
SD SDN sudan|sudanese
SE SWE sweden|swedish
SG SGP singapore|singaporean
SH SHN saint helena|saint helena ascension and tristan da cunha
SI SVN slovenia|slovenian|slovene
SJ SJM svalbard and jan mayen
SK SVK slovakia|slovak republic|slovak
SL SLE sierra leone|sierra leonean
SM SMR san marino
SN SEN senegal|senegalese
SO SOM somalia|somali
SR SUR suriname|surinamese
SS SSD south sudan|south sudanese
ST STP sao tome and principe
SV SLV el salvador|salvadoran
SX SXM sint maarten|sint maarten dutch part
SY SYR syria|syrian arab republic|syrian
SZ SWZ eswatini|swaziland
TC TCA turks and caicos islands
TD TCD chad|chadian
TF ATF french southern territories
TG TGO togo|togolese
TH THA thailand|thai
TJ TJK tajikistan|tajik
TK TKL tokelau
TL TLS timor leste|east timor
TM TKM turkmenistan|turkmen
TN TUN tunisia|tunisian
TO TON tonga|tongan
TR TUR turkey|turkiye|republic of turkiye|turkish
TT TTO trinidad and tobago|trinidadian
TV TUV tuvalu
TW TWN taiwan|taiwan province of china|chinese taipei|taiwanese
TZ TZA tanzania|united republic of tanzania|tanzania united republic of|tanzanian
UA UKR ukraine|ukrainian
UG UGA uganda|ugandan
UM UMI united states minor outlying islands
US USA united states|united states of america|u s|u s a|america|american
UY URY uruguay|uruguayan
UZ UZB uzbekistan|uzbek
VA VAT holy see|vatican|vatican city
VC VCT saint vincent and grenadines
VE VEN venezuela|venezuela bolivarian republic of|bolivarian republic of venezuela|venezuelan
VG VGB british virgin islands|virgin islands british
VI VIR us virgin islands|virgin islands us
VN VNM vietnam|viet nam|vietnamese
VU VUT vanuatu
WF WLF wallis and futuna
WS WSM samoa|samoan
XK XKX kosovo|kosovar
YE YEM yemen|yemeni
YT MYT mayotte
ZA ZAF south africa|south african
ZM ZMB zambia|zambian
ZW ZWE zimbabwe|zimbabwean";

struct Index {
    /// Upper-case alpha-2 and alpha-3 codes to alpha-2.
    codes: HashMap<&'static str, &'static str>,
    /// Normalised names and adjectives to alpha-2.
    names: HashMap<&'static str, &'static str>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Index {
            codes: HashMap::new(),
            names: HashMap::new(),
        };
        for line in TABLE.lines() {
            let mut parts = line.splitn(3, ' ');
            let (Some(alpha2), Some(alpha3), Some(names)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            index.codes.insert(alpha2, alpha2);
            index.codes.insert(alpha3, alpha2);
            for name in names.split('|') {
                index.names.insert(name, alpha2);
            }
        }
        index
    })
}

/// Reads a country code, name or nationality adjective into an upper-case ISO 3166-1
/// alpha-2 code: `"ir"`, `"IRN"`, `"Iran (Islamic Republic of)"` and `"Iranian"` all give
/// `Some("IR")`. Unknown or ambiguous text gives `None`.
pub fn iso2(text: &str) -> Option<&'static str> {
    let text = text.trim();
    let index = index();
    if matches!(text.len(), 2 | 3) && text.bytes().all(|b| b.is_ascii_alphabetic()) {
        if let Some(code) = index.codes.get(text.to_ascii_uppercase().as_str()) {
            return Some(code);
        }
    }
    index.names.get(normalise(text).as_str()).copied()
}

/// Lower case, accents folded to ASCII, apostrophes dropped, other punctuation made a
/// space, the word "the" dropped and "st" read as "saint".
fn normalise(text: &str) -> String {
    let mut flat = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            '\'' | '’' | '‘' | '`' | '´' | 'ʼ' | '\u{300}'..='\u{36f}' => {}
            '&' => flat.push_str(" and "),
            'ß' => flat.push_str("ss"),
            'æ' => flat.push_str("ae"),
            'œ' => flat.push_str("oe"),
            c if c.is_ascii_alphanumeric() => flat.push(c),
            c => flat.push(fold(c).unwrap_or(' ')),
        }
    }
    let words: Vec<&str> = flat
        .split_whitespace()
        .filter(|w| *w != "the")
        .map(|w| if w == "st" { "saint" } else { w })
        .collect();
    words.join(" ")
}

/// The ASCII letter under a lower-case accented Latin letter.
fn fold(c: char) -> Option<char> {
    Some(match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ģ' => 'g',
        'ì'..='ï' | 'ī' | 'į' | 'ı' => 'i',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ț' => 't',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text=CODE` pairs separated by `;`; an empty code means "not read".
    fn check(cases: &str) {
        for case in cases.split(';').map(str::trim).filter(|c| !c.is_empty()) {
            let (text, code) = case.rsplit_once('=').unwrap_or((case, ""));
            let expected = Some(code).filter(|c| !c.is_empty());
            assert_eq!(iso2(text), expected, "{text:?}");
        }
    }

    #[test]
    fn codes_in_any_case() {
        check("IR=IR; ir=IR;  irn =IR; PRK=KP; USA=US; XK=XK; UK=GB; QQ=; ZZZ=");
    }

    #[test]
    fn names_and_variants_the_lists_use() {
        check(
            "Iran (Islamic Republic of)=IR; Russian Federation=RU; Syrian Arab Republic=SY;
             Korea, North=KP; Korea, South=KR; Democratic People's Republic of Korea=KP;
             Democratic People’s Republic of Korea=KP; United States=US; United States of America=US;
             U.S.A.=US; Viet Nam=VN; Côte d'Ivoire=CI; Cote d'Ivoire=CI; Türkiye=TR; Palestinian=PS;
             State of Palestine=PS; Congo, Democratic Republic of the=CD; Congo=CG; The Gambia=GM;
             Democratic Republic of the Congo=CD; Macedonia, The Former Yugoslav Republic of=MK;
             North Macedonia, The Republic of=MK; United Republic of Tanzania=TZ; Burma=MM;
             United Kingdom of Great Britain and Northern Ireland=GB; Bosnia & Herzegovina=BA;
             St. Kitts and Nevis=KN; Saint Vincent and the Grenadines=VC; Hong Kong=HK;
             São Tomé and Príncipe=ST; Curaçao=CW; Cabo Verde=CV; guinea-bissau=GW;
               SAUDI   ARABIA =SA; Uzbekistan=UZ; Uruguay=UY",
        );
    }

    #[test]
    fn nationality_adjectives() {
        check(
            "Afghan=AF; Iraqi=IQ; Russian=RU; Syrian=SY; Yemeni=YE; Pakistani=PK; Saudi=SA;
             Egyptian=EG; Iranian=IR; Chinese=CN; Lebanese=LB; British=GB; Nigerien=NE; Nigerian=NG",
        );
    }

    #[test]
    fn unknown_or_ambiguous_text_is_none() {
        check("=; former Soviet Union=; Korea=; Congolese=; Region: Gaza=; Atlantis=");
    }

    #[test]
    fn table_is_consistent() {
        let mut seen = HashMap::new();
        let mut countries = 0;
        for line in TABLE.lines() {
            let parts: Vec<&str> = line.splitn(3, ' ').collect();
            assert_eq!(parts.len(), 3, "{line}");
            let upper = |s: &str, n| s.len() == n && s.bytes().all(|b| b.is_ascii_uppercase());
            assert!(upper(parts[0], 2) && upper(parts[1], 3), "{line}");
            for name in parts[2].split('|') {
                assert_eq!(normalise(name), name, "table key not normalised: {name}");
                assert!(seen.insert(name, parts[0]).is_none(), "{name} listed twice");
            }
            countries += 1;
        }
        assert_eq!(countries, 250, "the 249 ISO 3166-1 countries and Kosovo");
    }
}
