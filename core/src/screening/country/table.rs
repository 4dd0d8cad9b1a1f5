//! The country table read by `super::iso2`.

/// One country a line: alpha-2, alpha-3, then its names and adjectives separated by `|`,
/// each already in the form `normalise` gives (lower case ASCII, no punctuation, no
/// "the", "st" written "saint"). Ambiguous words (`Korea`, `Congolese`) are left out.
pub(super) const TABLE: &str = "\
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
