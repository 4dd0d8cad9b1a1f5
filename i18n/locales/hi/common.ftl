## ग्राहक के हर पन्ने पर।

lang-name-en = English
lang-name-hi = हिन्दी
language-switch-label = भाषा
language-switch-submit = भाषा बदलें
loading = लोड हो रहा है…
continue = आगे बढ़ें
back = पीछे
retry = फिर से कोशिश करें
cancel = रद्द करें
close = बंद करें
remove = हटाएँ
saving = सहेजा जा रहा है…
files-count = { $count ->
    [one] { $count } फ़ाइल
   *[other] { $count } फ़ाइलें
}
brand-digilocker = DigiLocker
brand-aadhaar = Aadhaar
skip-to-content = मुख्य सामग्री पर जाएँ

## चरण, दस्तावेज़ और उनके हिस्से, जैसे ग्राहक पढ़ता है।

step-documents = दस्तावेज़
step-digilocker_aadhaar = DigiLocker आधार
step-bank_account = बैंक खाता
step-selfie = सेल्फ़ी
step-signature = हस्ताक्षर
step-sanction_screening = प्रतिबंध सूची जाँच
doc-type-passport = पासपोर्ट
doc-type-driving_licence = ड्राइविंग लाइसेंस
doc-type-voter_id = मतदाता पहचान पत्र
doc-type-pan = पैन कार्ड
doc-type-aadhaar = आधार
doc-type-utility_bill = बिजली, पानी या गैस का बिल
doc-type-bank_statement = बैंक स्टेटमेंट
doc-type-rental_agreement = किराया अनुबंध
doc-side-front = आगे का भाग
doc-side-back = पीछे का भाग
doc-side-whole = PDF फ़ाइल
doc-category-identity = पहचान का प्रमाण
doc-category-address = पते का प्रमाण
rejection-blurry = तस्वीर धुंधली है या पढ़ी नहीं जा सकती
rejection-expired = दस्तावेज़ की वैधता समाप्त हो चुकी है
rejection-wrong_category = यह दस्तावेज़ यहाँ स्वीकार नहीं किया जाता
rejection-name_mismatch = नाम मेल नहीं खाता
rejection-suspected_tampering = दस्तावेज़ स्वीकार नहीं किया जा सका
rejection-other = दस्तावेज़ स्वीकार नहीं किया जा सका
load-failed = यह पन्ना पूरी तरह लोड नहीं हुआ, इसलिए इसके कुछ बटन शायद काम न करें। आपने अब तक जो किया है वह सहेजा हुआ है।
load-failed-reload = पन्ना फिर से लोड करें
