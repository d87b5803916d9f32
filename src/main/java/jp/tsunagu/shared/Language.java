package jp.tsunagu.shared;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The portal's languages: Japanese first, English second. The choice travels in a cookie so that
 * every page (the portal's and the embedded provider's login page) speaks the same language, and
 * for a signed-in person it is also kept with their account.
 */
public enum Language {
    JA(Locale.JAPANESE),
    EN(Locale.ENGLISH);

    public static final String COOKIE = "tsunagu-lang";
    public static final Language DEFAULT = JA;

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    public String tag() {
        return locale.getLanguage();
    }

    public static Optional<Language> fromTag(String tag) {
        for (Language language : values()) {
            if (language.tag().equalsIgnoreCase(tag.trim())) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    public static Language of(Locale locale) {
        return fromTag(locale.getLanguage()).orElse(DEFAULT);
    }

    /** The language chosen in this browser, Japanese when none was chosen. */
    public static Language fromCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return fromTag(cookie.getValue()).orElse(DEFAULT);
                }
            }
        }
        return DEFAULT;
    }

    public Cookie toCookie(String contextPath) {
        Cookie cookie = new Cookie(COOKIE, tag());
        cookie.setPath(contextPath.isEmpty() ? "/" : contextPath);
        cookie.setMaxAge(60 * 60 * 24 * 365);
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Lax");
        return cookie;
    }
}
