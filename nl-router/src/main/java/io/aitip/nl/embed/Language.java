package io.aitip.nl.embed;

import java.util.Locale;

/** The two languages the router understands, told apart by script: any Han character makes it Chinese. */
public enum Language {
    EN, ZH;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Chinese when the text holds Han characters, else English. Mixed sentences ("用 4 张 A100 训练
     * llama") are Chinese: their structure words are Chinese and the Chinese model reads Latin too.
     */
    public static Language detect(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
                return ZH;
            }
            i += Character.charCount(cp);
        }
        return EN;
    }

    public static Language parse(String wire) {
        return "zh".equalsIgnoreCase(wire) ? ZH : EN;
    }
}
