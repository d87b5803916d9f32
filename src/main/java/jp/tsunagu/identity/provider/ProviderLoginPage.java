package jp.tsunagu.identity.provider;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.tsunagu.shared.DemoMode;
import jp.tsunagu.shared.Language;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The embedded provider's own sign-in page. It belongs to the provider, not to the portal: the
 * portal never sees the password. Plain server-rendered HTML, phone-sized, in the visitor's
 * language; the demo accounts and their passwords are listed because this page exists only in the
 * demo mode.
 */
@Controller
@DemoMode
class ProviderLoginPage {

    private final MessageSource messages;

    ProviderLoginPage(MessageSource messages) {
        this.messages = messages;
    }

    @GetMapping(path = EmbeddedProviderConfiguration.LOGIN_PAGE, produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String loginPage(HttpServletRequest request, HttpServletResponse response,
                     @RequestParam(name = "lang", required = false) String lang) {
        Language language = lang == null
                ? Language.fromCookie(request)
                : Language.fromTag(lang).orElse(Language.DEFAULT);
        if (lang != null) {
            response.addCookie(language.toCookie(request.getContextPath()));
        }
        response.setHeader("Cache-Control", "no-store");
        Locale locale = language.locale();
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());

        StringBuilder accounts = new StringBuilder();
        for (DemoAccount account : DemoAccount.ALL) {
            accounts.append("<li><button type=\"button\" class=\"account\" data-user=\"")
                    .append(esc(account.username())).append("\" data-password=\"").append(esc(account.password()))
                    .append("\"><span class=\"role\">").append(esc(text(locale, "role." + account.role().name())))
                    .append("</span><span class=\"who\">").append(esc(account.displayName()))
                    .append(account.organisationName().map(o -> " · " + esc(o)).orElse(""))
                    .append("</span><code>").append(esc(account.username())).append("</code></button></li>");
        }

        String body = """
                  <form method="post" action="%s">
                    %s
                    <label for="username">%s</label>
                    <input id="username" name="username" autocomplete="username" autocapitalize="none" required>
                    <label for="password">%s</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required>
                    <input type="hidden" name="%s" value="%s">
                    <button type="submit">%s</button>
                  </form>
                  <section class="demo">
                    <h2>%s</h2>
                    <p>%s</p>
                    <ul>%s</ul>
                  </section>
                """.formatted(
                esc(request.getContextPath() + EmbeddedProviderConfiguration.LOGIN_PAGE),
                refusal(request, locale),
                esc(text(locale, "idp.username")),
                esc(text(locale, "idp.password")),
                esc(csrf == null ? "_csrf" : csrf.getParameterName()), esc(csrf == null ? "" : csrf.getToken()),
                esc(text(locale, "idp.submit")),
                esc(text(locale, "idp.demo.heading")),
                esc(text(locale, "idp.demo.note")),
                accounts);
        String script = """
                  document.querySelectorAll('.account').forEach(function (b) {
                    b.addEventListener('click', function () {
                      document.getElementById('username').value = b.dataset.user;
                      document.getElementById('password').value = b.dataset.password;
                      document.getElementById('password').focus();
                    });
                  });
                """;
        return ProviderPageFrame.html(language, text(locale, "idp.title"), text(locale, "idp.brand"),
                text(locale, "language.switch"), text(locale, "idp.heading"), body, script);
    }

    /** Why the last attempt did not sign in: a wrong password, a wait, or a lock (from the throttle). */
    private String refusal(HttpServletRequest request, Locale locale) {
        String message;
        if (request.getParameter("locked") != null) {
            message = messages.getMessage("idp.locked", new Object[] {minutes(request.getParameter("locked"))}, locale);
        } else if (request.getParameter("wait") != null) {
            message = messages.getMessage("idp.wait", new Object[] {seconds(request.getParameter("wait"))}, locale);
        } else if (request.getParameter("error") != null) {
            message = text(locale, "idp.error");
        } else {
            return "";
        }
        return "<p class=\"error\" role=\"alert\">" + esc(message) + "</p>";
    }

    private static long seconds(String value) {
        try {
            return Math.clamp(Long.parseLong(value), 1, 3600);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static long minutes(String value) {
        return Math.max(1, (seconds(value) + 59) / 60);
    }

    private String text(Locale locale, String key) {
        return messages.getMessage(key, null, key, locale);
    }

    private static String esc(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
