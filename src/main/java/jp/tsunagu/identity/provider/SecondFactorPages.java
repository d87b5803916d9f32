package jp.tsunagu.identity.provider;

import static jp.tsunagu.identity.provider.ProviderPageFrame.esc;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jp.tsunagu.identity.SessionProperties;
import jp.tsunagu.identity.Totp;
import jp.tsunagu.identity.persistence.PasskeyStore;
import jp.tsunagu.identity.persistence.SecondFactorStore;
import jp.tsunagu.identity.throttle.SignInThrottle;
import jp.tsunagu.shared.DemoMode;
import jp.tsunagu.shared.Language;
import jp.tsunagu.shared.QrSvg;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The embedded provider's second factor: after the password, staff (clinicians, stewards, sponsors)
 * must give a TOTP code from their authenticator app, and enrol one on their first sign-in; patients
 * may enrol. Until the code is right the person is signed in nowhere: the password step leaves only a
 * pending sign-in in the session. Wrong codes count towards the same lock as wrong passwords. The
 * demo's staff accounts come enrolled, and this demo-only page shows their current code.
 */
@Controller
@DemoMode
class SecondFactorPages {

    static final String SECOND_FACTOR = "/idp/second-factor";
    static final String ENROL = "/idp/enrol";
    /** A signed-in person adds an authenticator app (patients may; staff enrolled at first sign-in). */
    static final String APP = "/idp/app";
    /** What the provider's token customizer reads to say how the person signed in ({@code amr}). */
    static final String FACTOR_OTP = "FACTOR_OTP";
    private static final String ENROLLING = "TSUNAGU_PROVIDER_ENROLLING_SECRET";

    private final SecondFactorStore store;
    private final PendingSignIns pendingSignIns;
    private final PasskeyPages passkeys;
    private final ProviderSession session;
    private final java.time.Duration freshSignIn;
    private final MessageSource messages;
    private final Clock clock = Clock.systemUTC();

    SecondFactorPages(SecondFactorStore store, PendingSignIns pendingSignIns, PasskeyPages passkeys,
            MessageSource messages, ProviderSession session, SessionProperties sessions) {
        this.store = store;
        this.session = session;
        this.freshSignIn = sessions.stepUp();
        this.pendingSignIns = pendingSignIns;
        this.passkeys = passkeys;
        this.messages = messages;
    }

    /**
     * The password step: staff and patients with a code app or a passkey go on to their second factor;
     * other patients are signed in.
     */
    static AuthenticationSuccessHandler afterPassword(SecondFactorStore store, PasskeyStore passkeys,
            ProviderSession session) {
        return (request, response, authentication) -> {
            boolean enrolled = store.find(authentication.getName()).isPresent()
                    || !passkeys.of(authentication.getName()).isEmpty();
            if (!enrolled && !isStaff(authentication)) {
                session.afterLogin().onAuthenticationSuccess(request, response, authentication);
                return;
            }
            PendingSignIns.start(request, response, authentication, session);
            response.sendRedirect(request.getContextPath() + (enrolled ? SECOND_FACTOR : ENROL));
        };
    }

    static boolean isStaff(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(a -> a.startsWith("ROLE_") && !a.equals("ROLE_PATIENT"));
    }

    @GetMapping(path = SECOND_FACTOR, produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String codePage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<PendingSignIns.Pending> pending = PendingSignIns.of(request);
        if (pending.isEmpty()) {
            response.sendRedirect(request.getContextPath() + EmbeddedProviderConfiguration.LOGIN_PAGE);
            return "";
        }
        Language language = Language.fromCookie(request);
        Locale locale = language.locale();
        Optional<SecondFactorStore.Enrolled> totp = store.find(pending.get().username());
        String demo = totp.map(enrolled -> demoCode(enrolled, locale)).orElse("");
        String passkey = passkeys.signInForm(request, locale, pending.get().username());
        String body = passkey + (totp.isEmpty() ? "" : """
                  <form method="post" action="%s">
                    %s
                    <p>%s</p>
                    <label for="code">%s</label>
                    <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}"
                           maxlength="7" required autofocus>
                    %s
                    <button type="submit">%s</button>
                  </form>
                  %s
                """.formatted(esc(request.getContextPath() + SECOND_FACTOR),
                request.getParameter("error") != null ? "<p class=\"error\" role=\"alert\">" + esc(text(locale,
                        "idp.code.wrong")) + "</p>" : "",
                esc(text(locale, passkey.isEmpty() ? "idp.code.text" : "idp.code.orText")),
                esc(text(locale, "idp.code.label")), PendingSignIns.csrf(request),
                esc(text(locale, "idp.code.submit")), demo));
        return ProviderPageFrame.html(language, text(locale, "idp.code.heading"), text(locale, "idp.brand"),
                text(locale, "language.switch"), text(locale, "idp.code.heading"), body, PasskeyPages.SCRIPT);
    }

    @PostMapping(SECOND_FACTOR)
    void checkCode(HttpServletRequest request, HttpServletResponse response, @RequestParam("code") String code)
            throws IOException, ServletException {
        Optional<PendingSignIns.Pending> pending = PendingSignIns.of(request);
        if (pending.isEmpty() || pendingSignIns.refused(request, response, pending.get(), SECOND_FACTOR)) {
            return;
        }
        Optional<SecondFactorStore.Enrolled> enrolled = store.find(pending.get().username());
        OptionalLong step = enrolled.map(e -> Totp.match(e.secret(), code, clock.instant(), e.lastStep()))
                .orElse(OptionalLong.empty());
        if (step.isPresent() && store.use(pending.get().username(), step.getAsLong())) {
            pendingSignIns.complete(request, response, pending.get(), FACTOR_OTP);
            return;
        }
        pendingSignIns.failed(pending.get());
        response.sendRedirect(request.getContextPath() + SECOND_FACTOR + "?error");
    }

    @GetMapping(path = ENROL, produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String enrolPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<PendingSignIns.Pending> pending = pendingSignIns.enrolling(request);
        if (pending.isEmpty()) {
            // A person with a factor gives it; without a pending sign-in, the login comes first.
            response.sendRedirect(request.getContextPath() + (PendingSignIns.of(request).isPresent() ? SECOND_FACTOR
                    : EmbeddedProviderConfiguration.LOGIN_PAGE));
            return "";
        }
        String secret = enrollingSecret(request);
        Language language = Language.fromCookie(request);
        Locale locale = language.locale();
        String link = Totp.otpauthUri(text(locale, "idp.brand"), pending.get().username(), secret);
        // A passkey first (phishing-resistant, nothing to type); an authenticator app's code for everyone else.
        String passkey = "<h2>" + esc(text(locale, "idp.enrol.passkey")) + "</h2>"
                + (request.getParameter("passkey-error") != null ? "<p class=\"error\" role=\"alert\">"
                        + esc(text(locale, "idp.passkey.failed")) + "</p>" : "")
                + passkeys.registrationForm(request, locale)
                + "<h2>" + esc(text(locale, "idp.enrol.app")) + "</h2>";
        String body = passkey + """
                  <section>
                    <p>%s</p>
                    %s
                    <p><a id="totp-link" href="%s">%s</a></p>
                    <p>%s</p>
                    <p id="totp-secret" class="secret">%s</p>
                  </section>
                  <form method="post" action="%s">
                    %s
                    <label for="code">%s</label>
                    <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}"
                           maxlength="7" required>
                    %s
                    <button type="submit">%s</button>
                  </form>
                """.formatted(esc(text(locale, "idp.enrol.text")), QrSvg.of(link, esc(text(locale, "idp.enrol.qr"))), esc(link),
                esc(text(locale, "idp.enrol.link")),
                esc(text(locale, "idp.enrol.manual")), esc(grouped(secret)),
                esc(request.getContextPath() + ENROL),
                request.getParameter("error") != null ? "<p class=\"error\" role=\"alert\">" + esc(text(locale,
                        "idp.code.wrong")) + "</p>" : "",
                esc(text(locale, "idp.code.label")), PendingSignIns.csrf(request), esc(text(locale, "idp.enrol.submit")));
        return ProviderPageFrame.html(language, text(locale, "idp.enrol.heading"), text(locale, "idp.brand"),
                text(locale, "language.switch"), text(locale, "idp.enrol.heading"), body, PasskeyPages.SCRIPT);
    }

    @PostMapping(ENROL)
    void confirmEnrolment(HttpServletRequest request, HttpServletResponse response, @RequestParam("code") String code)
            throws IOException, ServletException {
        Optional<PendingSignIns.Pending> pending = pendingSignIns.enrolling(request);
        String secret = (String) request.getSession().getAttribute(ENROLLING);
        if (pending.isEmpty() || secret == null || pendingSignIns.refused(request, response, pending.get(), SECOND_FACTOR)) {
            if (pending.isEmpty() || secret == null) {
                response.sendRedirect(request.getContextPath() + EmbeddedProviderConfiguration.LOGIN_PAGE);
            }
            return;
        }
        OptionalLong step = Totp.match(secret, code, clock.instant(), 0);
        if (step.isPresent() && store.enrol(pending.get().username(), secret, step.getAsLong())) {
            request.getSession().removeAttribute(ENROLLING);
            pendingSignIns.complete(request, response, pending.get(), FACTOR_OTP);
            return;
        }
        pendingSignIns.failed(pending.get());
        response.sendRedirect(request.getContextPath() + ENROL + "?error");
    }

    @GetMapping(path = APP, produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String appPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> who = session.signedIn(request).filter(w -> session.signedInWithin(request, freshSignIn));
        if (who.isEmpty() || store.find(who.get()).isPresent()) {
            response.sendRedirect(request.getContextPath() + PasskeyPages.MANAGE);
            return "";
        }
        String secret = enrollingSecret(request);
        Language language = Language.fromCookie(request);
        Locale locale = language.locale();
        String link = Totp.otpauthUri(text(locale, "idp.brand"), who.get(), secret);
        String body = """
                  <section>
                    <p>%s</p>
                    %s
                    <p><a id="totp-link" href="%s">%s</a></p>
                    <p>%s</p>
                    <p id="totp-secret" class="secret">%s</p>
                  </section>
                  <form method="post" action="%s">
                    %s
                    <label for="code">%s</label>
                    <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}"
                           maxlength="7" required>
                    %s
                    <button type="submit">%s</button>
                  </form>
                """.formatted(esc(text(locale, "idp.app.howTo")), QrSvg.of(link, esc(text(locale, "idp.enrol.qr"))),
                esc(link), esc(text(locale, "idp.enrol.link")), esc(text(locale, "idp.enrol.manual")),
                esc(grouped(secret)), esc(request.getContextPath() + APP),
                request.getParameter("error") != null ? "<p class=\"error\" role=\"alert\">" + esc(text(locale,
                        "idp.code.wrong")) + "</p>" : "",
                esc(text(locale, "idp.code.label")), PendingSignIns.csrf(request), esc(text(locale, "idp.app.submit")));
        return ProviderPageFrame.html(language, text(locale, "idp.app.heading"), text(locale, "idp.brand"),
                text(locale, "language.switch"), text(locale, "idp.app.heading"), body, "");
    }

    @PostMapping(APP)
    void confirmApp(HttpServletRequest request, HttpServletResponse response, @RequestParam("code") String code)
            throws IOException {
        Optional<String> who = session.signedIn(request).filter(w -> session.signedInWithin(request, freshSignIn));
        String secret = (String) request.getSession().getAttribute(ENROLLING);
        if (who.isEmpty() || secret == null) {
            response.sendRedirect(request.getContextPath() + PasskeyPages.MANAGE);
            return;
        }
        OptionalLong step = Totp.match(secret, code, clock.instant(), 0);
        if (step.isPresent() && store.enrol(who.get(), secret, step.getAsLong())) {
            request.getSession().removeAttribute(ENROLLING);
            response.sendRedirect(request.getContextPath() + PasskeyPages.MANAGE + "?app-added");
            return;
        }
        response.sendRedirect(request.getContextPath() + APP + "?error");
    }

    /** The secret being enrolled, kept in the session until its first code is right. */
    private static String enrollingSecret(HttpServletRequest request) {
        HttpSession session = request.getSession();
        String secret = (String) session.getAttribute(ENROLLING);
        if (secret == null) {
            secret = Totp.newSecret();
            session.setAttribute(ENROLLING, secret);
        }
        return secret;
    }

    /** Demo only: the code the demo account's app would show now (the next one not yet used). */
    private String demoCode(SecondFactorStore.Enrolled enrolled, Locale locale) {
        long now = Totp.stepAt(clock.instant());
        long step = Math.max(now, enrolled.lastStep() + 1);
        String code = step <= now + 1 ? Totp.code(enrolled.secret(), step) : "—";
        return """
                  <section class="demo">
                    <h2>%s</h2>
                    <p>%s</p>
                    <p id="demo-code" class="code">%s</p>
                  </section>
                """.formatted(esc(text(locale, "idp.code.demo.heading")), esc(text(locale, "idp.code.demo.note")),
                esc(code));
    }

    private static String grouped(String secret) {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }

    private String text(Locale locale, String key) {
        return messages.getMessage(key, null, key, locale);
    }
}
