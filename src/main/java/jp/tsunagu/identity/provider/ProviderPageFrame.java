package jp.tsunagu.identity.provider;

import jp.tsunagu.shared.Language;
import org.springframework.web.util.HtmlUtils;

/**
 * The embedded provider's pages (login, second factor, enrolment) share one frame: phone-first, no
 * external resources, the language switch at the top. Callers pass escaped HTML for the body.
 */
final class ProviderPageFrame {

    private ProviderPageFrame() {
    }

    static String html(Language language, String title, String brand, String switchText, String heading, String body,
            String script) {
        Language other = language == Language.JA ? Language.EN : Language.JA;
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
                  button.passkey { width: 100%%; margin-top: 1rem; padding: .8rem; font-size: 1rem; font-weight: 700;
                          color: #fff; background: #0b5c8a; border: 0; border-radius: .5rem; }
                  button.link { background: none; border: 0; color: #8a1c13; text-decoration: underline;
                          font: inherit; padding: 0; cursor: pointer; }
                  li.passkey { display: grid; gap: .25rem; padding: .5rem 0; border-bottom: 1px solid #e3e9ee; }
                  li.passkey form { background: none; box-shadow: none; padding: 0; margin: 0; }
                  svg.qr { display: block; width: 12rem; height: 12rem; margin: .5rem auto; }
                  h2 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
                  .ok { background: #e6f4ea; color: #0b5c2e; padding: .75rem; border-radius: .5rem; }
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
                  .secret { font-family: ui-monospace, monospace; font-size: 1.1rem; letter-spacing: .08em;
                            overflow-wrap: anywhere; background: #f7faf9; padding: .5rem; border-radius: .5rem; }
                  .demo .code, .code { font-family: ui-monospace, monospace; font-size: 1.5rem; letter-spacing: .2em;
                          margin: 0; color: #1c2b36; }
                  a { color: #0b5c8a; }
                </style>
                </head>
                <body>
                <main>
                  <header><span class="brand">%s</span><a href="?lang=%s" lang="%s">%s</a></header>
                  <h1>%s</h1>
                %s
                </main>
                <script>
                %s
                </script>
                </body>
                </html>
                """.formatted(language.tag(), esc(title), esc(brand), other.tag(), other.tag(), esc(switchText),
                esc(heading), body, script);
    }

    static String esc(String text) {
        return HtmlUtils.htmlEscape(text);
    }
}
