## ग्राहक को भेजे जाने वाले ईमेल।

email-hello = नमस्ते { $name },
email-copy-address = या यह पता अपने ब्राउज़र में कॉपी करें:
email-received-subject = { $merchant }: हमें आपका सत्यापन मिल गया है
email-received-thanks = धन्यवाद। { $merchant } के लिए आपका पहचान सत्यापन सफलतापूर्वक जमा हो गया है।
email-received-next = अब हमारी टीम आपकी भेजी जानकारी की जाँच करेगी। आप मिले हुए लिंक से कभी भी स्थिति देख सकते हैं; अगर कुछ और चाहिए होगा तो हम आपको ईमेल करेंगे।
email-received-why = आपको यह ईमेल इसलिए मिला है क्योंकि आपने हमारे साथ अपनी पहचान सत्यापित की है।
email-sent-back-subject = { $merchant }: कृपया नया दस्तावेज़ अपलोड करें
email-sent-back-intro = { $merchant } ने आपके सत्यापन की जाँच की है और आपको फिर से अपलोड करना होगा:
email-sent-back-how = नया दस्तावेज़ अपलोड करने के लिए पहले मिला लिंक खोलें। अगर लिंक काम नहीं करता, तो हमसे नया लिंक माँगें।
email-reply-subject = { $merchant }: "{ $subject }" का जवाब
email-reply-intro = { $merchant } सहायता ने आपके प्रश्न "{ $subject }" का जवाब दिया है:
email-reply-how = आप मिले हुए लिंक से अपने सत्यापन पन्ने पर जवाब दे सकते हैं।
email-redo-subject = { $merchant }: कृपया एक चरण फिर से करें
email-redo-intro = { $merchant } ने आपके सत्यापन की जाँच की है और यह चरण फिर से करने को कहा है: { $step }।
email-redo-how = इसे करने के लिए पहले मिला लिंक खोलें। अगर लिंक काम नहीं करता, तो हमसे नया लिंक माँगें।
email-completed-subject = { $merchant }: आपका सत्यापन पूरा हो गया है
email-completed-body = { $merchant } के लिए आपका पहचान सत्यापन पूरा हो गया है। धन्यवाद।
email-rejected-subject = { $merchant }: आपका सत्यापन स्वीकार नहीं किया जा सका
email-rejected-body = हमें खेद है: { $merchant } के लिए आपका पहचान सत्यापन स्वीकार नहीं किया जा सका। अगर आपको लगता है कि यह ग़लती है, तो कृपया { $merchant } से संपर्क करें।
email-invite-subject = { $merchant }: कृपया अपनी पहचान सत्यापित करें
email-invite-body = { $merchant } आपसे अपनी पहचान सत्यापित करने को कह रहा है। इसमें कुछ ही मिनट लगते हैं: आप अपने फ़ोन या कंप्यूटर पर अपने दस्तावेज़ अपलोड करेंगे और चरण पूरे करेंगे।
email-invite-expires = यह लिंक { $expires } तक काम करेगा। इसे किसी से साझा न करें: इससे आपका सत्यापन खुलता है।
email-invite-open = शुरू करने के लिए यह लिंक खोलें:
email-invite-button = सत्यापन शुरू करें
