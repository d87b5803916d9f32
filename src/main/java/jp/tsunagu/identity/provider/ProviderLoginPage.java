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
        Language other = language == Language.JA ? Language.EN : Language.JA;

        StringBuilder accounts = new StringBuilder();
        for (DemoAccount account : DemoAccount.ALL) {
            accounts.append("<li><button type=\"button\" class=\"account\" data-user=\"")
                    .append(esc(account.username())).append("\" data-password=\"").append(esc(account.password()))
                    .append("\"><span class=\"role\">").append(esc(text(locale, "role." + account.role().name())))
                    .append("</span><span class=\"who\">").append(esc(account.displayName()))
                    .append(account.organisationName().map(o -> " · " + esc(o)).orElse(""))
                    .append("</span><code>").append(esc(account.username())).append("</code></button></li>");
        }

        return """
                <!doctype html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                  * { box-sizing: border-box; }
                  body { margin: 0; font-family: system-ui, "Noto Sans CJK JP", "Hiragino Sans", sans-serif;
                         background: #f3f6f8; color: #1c2b36; line-height: 1.6; }
                  main { max-width: 26rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
                  header { display: flex; justify-content: space-between; align-items: center; }
                  h1 { font-size: 1.35rem; margin: .25rem 0 1rem; }
                  .brand { font-weight: 700; color: #0b6e4f; }
                  form, section { background: #fff; border-radius: .75rem; padding: 1.25rem;
                                  box-shadow: 0 1px 3px rgba(0,0,0,.08); margin-bottom: 1rem; }
                  label { display: block; font-weight: 600; margin-top: .75rem; }
                  input { width: 100%%; font-size: 1rem; padding: .7rem; margin-top: .25rem;
                          border: 1px solid #9aa8b3; border-radius: .5rem; }
                  button[type=submit] { width: 100%%; margin-top: 1.25rem; padding: .8rem; font-size: 1rem;
                          font-weight: 700; color: #fff; background: #0b6e4f; border: 0; border-radius: .5rem; }
                  .error { background: #fdecea; color: #8a1c13; padding: .75rem; border-radius: .5rem; }
                  .demo h2 { font-size: 1rem; margin: 0 0 .25rem; }
                  .demo p { margin: 0 0 .75rem; font-size: .9rem; }
                  ul { list-style: none; padding: 0; margin: 0; }
                  .account { width: 100%%; text-align: left; background: #f7faf9; border: 1px solid #d5e3dc;
                             border-radius: .5rem; padding: .5rem .75rem; margin-bottom: .5rem; font: inherit;
                             display: grid; gap: 0 .5rem; grid-template-columns: auto 1fr; cursor: pointer; }
                  .account .role { font-weight: 700; color: #0b6e4f; }
                  .account .who { overflow-wrap: anywhere; }
                  .account code { grid-column: 1 / -1; font-size: .85rem; color: #4a5a66; }
                  a { color: #0b5c8a; }
                </style>
                </head>
                <body>
                <main>
                  <header><span class="brand">%s</span><a href="?lang=%s" lang="%s">%s</a></header>
                  <h1>%s</h1>
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
                </main>
                <script>
                  document.querySelectorAll('.account').forEach(function (b) {
                    b.addEventListener('click', function () {
                      document.getElementById('username').value = b.dataset.user;
                      document.getElementById('password').value = b.dataset.password;
                      document.getElementById('password').focus();
                    });
                  });
                </script>
                </body>
                </html>
                """.formatted(
                language.tag(),
                esc(text(locale, "idp.title")),
                esc(text(locale, "idp.brand")),
                other.tag(), other.tag(), esc(text(locale, "language.switch")),
                esc(text(locale, "idp.heading")),
                esc(request.getContextPath() + EmbeddedProviderConfiguration.LOGIN_PAGE),
                refusal(request, locale),
                esc(text(locale, "idp.username")),
                esc(text(locale, "idp.password")),
                esc(csrf == null ? "_csrf" : csrf.getParameterName()), esc(csrf == null ? "" : csrf.getToken()),
                esc(text(locale, "idp.submit")),
                esc(text(locale, "idp.demo.heading")),
                esc(text(locale, "idp.demo.note")),
                accounts);
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
