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
import jp.tsunagu.identity.Totp;
import jp.tsunagu.identity.persistence.SecondFactorStore;
import jp.tsunagu.identity.throttle.SignInThrottle;
import jp.tsunagu.shared.DemoMode;
import jp.tsunagu.shared.Language;
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
    /** What the provider's token customizer reads to say how the person signed in ({@code amr}). */
    static final String FACTOR_OTP = "FACTOR_OTP";
    private static final String PENDING = "TSUNAGU_PROVIDER_PENDING_SIGN_IN";
    private static final String ENROLLING = "TSUNAGU_PROVIDER_ENROLLING_SECRET";

    /** A password that was right, waiting for its second factor. */
    record Pending(String username, List<GrantedAuthority> authorities) implements Serializable {
    }

    private final SecondFactorStore store;
    private final SignInThrottle accountThrottle;
    private final SecurityContextRepository providerContext;
    private final AuthenticationSuccessHandler afterLogin;
    private final MessageSource messages;
    private final Clock clock = Clock.systemUTC();

    SecondFactorPages(SecondFactorStore store, SignInThrottle accountThrottle, ProviderSession session,
            MessageSource messages) {
        this.store = store;
        this.accountThrottle = accountThrottle;
        this.providerContext = session.contextRepository();
        this.afterLogin = session.afterLogin();
        this.messages = messages;
    }

    /** The password step: staff and enrolled patients go on to the code; other patients are signed in. */
    static AuthenticationSuccessHandler afterPassword(SecondFactorStore store, ProviderSession session) {
        return (request, response, authentication) -> {
            boolean enrolled = store.find(authentication.getName()).isPresent();
            if (!enrolled && !isStaff(authentication)) {
                session.afterLogin().onAuthenticationSuccess(request, response, authentication);
                return;
            }
            session.contextRepository().saveContext(SecurityContextHolder.createEmptyContext(), request, response);
            SecurityContextHolder.clearContext();
            // The authorities as they are (the password factor carries its time: the ID token's auth_time).
            request.getSession().setAttribute(PENDING, new Pending(authentication.getName(),
                    List.copyOf(authentication.getAuthorities())));
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
        Optional<Pending> pending = pending(request);
        if (pending.isEmpty()) {
            response.sendRedirect(request.getContextPath() + EmbeddedProviderConfiguration.LOGIN_PAGE);
            return "";
        }
        Language language = Language.fromCookie(request);
        Locale locale = language.locale();
        String demo = store.find(pending.get().username()).map(enrolled -> demoCode(enrolled, locale)).orElse("");
        String body = """
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
                esc(text(locale, "idp.code.text")), esc(text(locale, "idp.code.label")), csrf(request),
                esc(text(locale, "idp.code.submit")), demo);
        return ProviderPageFrame.html(language, text(locale, "idp.code.heading"), text(locale, "idp.brand"),
                text(locale, "language.switch"), text(locale, "idp.code.heading"), body, "");
    }

    @PostMapping(SECOND_FACTOR)
    void checkCode(HttpServletRequest request, HttpServletResponse response, @RequestParam("code") String code)
            throws IOException, ServletException {
        Optional<Pending> pending = pending(request);
        if (pending.isEmpty() || refusedByThrottle(request, response, pending.get())) {
            return;
        }
        Optional<SecondFactorStore.Enrolled> enrolled = store.find(pending.get().username());
        OptionalLong step = enrolled.map(e -> Totp.match(e.secret(), code, clock.instant(), e.lastStep()))
                .orElse(OptionalLong.empty());
        if (step.isPresent() && store.use(pending.get().username(), step.getAsLong())) {
            complete(request, response, pending.get());
            return;
        }
        accountThrottle.failed(key(pending.get()));
        response.sendRedirect(request.getContextPath() + SECOND_FACTOR + "?error");
    }

    @GetMapping(path = ENROL, produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String enrolPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Pending> pending = pending(request);
        if (pending.isEmpty()) {
            response.sendRedirect(request.getContextPath() + EmbeddedProviderConfiguration.LOGIN_PAGE);
            return "";
        }
        HttpSession session = request.getSession();
        String secret = (String) session.getAttribute(ENROLLING);
        if (secret == null) {
            secret = Totp.newSecret();
            session.setAttribute(ENROLLING, secret);
        }
        Language language = Language.fromCookie(request);
        Locale locale = language.locale();
        String link = Totp.otpauthUri(text(locale, "idp.brand"), pending.get().username(), secret);
        String body = """
                  <section>
                    <p>%s</p>
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
                """.formatted(esc(text(locale, "idp.enrol.text")), esc(link), esc(text(locale, "idp.enrol.link")),
                esc(text(locale, "idp.enrol.manual")), esc(grouped(secret)),
                esc(request.getContextPath() + ENROL),
                request.getParameter("error") != null ? "<p class=\"error\" role=\"alert\">" + esc(text(locale,
                        "idp.code.wrong")) + "</p>" : "",
                esc(text(locale, "idp.code.label")), csrf(request), esc(text(locale, "idp.enrol.submit")));
        return ProviderPageFrame.html(language, text(locale, "idp.enrol.heading"), text(locale, "idp.brand"),
                text(locale, "language.switch"), text(locale, "idp.enrol.heading"), body, "");
    }

    @PostMapping(ENROL)
    void confirmEnrolment(HttpServletRequest request, HttpServletResponse response, @RequestParam("code") String code)
            throws IOException, ServletException {
        Optional<Pending> pending = pending(request);
        String secret = (String) request.getSession().getAttribute(ENROLLING);
        if (pending.isEmpty() || secret == null || refusedByThrottle(request, response, pending.get())) {
            if (pending.isEmpty() || secret == null) {
                response.sendRedirect(request.getContextPath() + EmbeddedProviderConfiguration.LOGIN_PAGE);
            }
            return;
        }
        OptionalLong step = Totp.match(secret, code, clock.instant(), 0);
        if (step.isPresent() && store.enrol(pending.get().username(), secret, step.getAsLong())) {
            request.getSession().removeAttribute(ENROLLING);
            complete(request, response, pending.get());
            return;
        }
        accountThrottle.failed(key(pending.get()));
        response.sendRedirect(request.getContextPath() + ENROL + "?error");
    }

    /** Both factors given: now, and only now, the person is signed in at the provider. */
    private void complete(HttpServletRequest request, HttpServletResponse response, Pending pending)
            throws IOException, ServletException {
        List<GrantedAuthority> authorities = new ArrayList<>(pending.authorities());
        authorities.add(FactorGrantedAuthority.withAuthority(FACTOR_OTP).issuedAt(clock.instant()).build());
        Authentication signedIn = UsernamePasswordAuthenticationToken.authenticated(pending.username(), null,
                authorities);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signedIn);
        providerContext.saveContext(context, request, response);
        request.getSession().removeAttribute(PENDING);
        accountThrottle.succeeded(key(pending));
        afterLogin.onAuthenticationSuccess(request, response, signedIn);
    }

    private boolean refusedByThrottle(HttpServletRequest request, HttpServletResponse response, Pending pending)
            throws IOException {
        SignInThrottle.Verdict verdict = accountThrottle.admit(List.of(key(pending)));
        if (verdict instanceof SignInThrottle.Verdict.Locked locked) {
            request.getSession().removeAttribute(PENDING);
            long seconds = Math.max(1, java.time.Duration.between(clock.instant(), locked.until()).toSeconds());
            response.sendRedirect(request.getContextPath() + EmbeddedProviderConfiguration.LOGIN_PAGE + "?locked="
                    + seconds);
            return true;
        }
        if (verdict instanceof SignInThrottle.Verdict.Wait) {
            response.sendRedirect(request.getContextPath() + SECOND_FACTOR + "?error");
            return true;
        }
        return false;
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

    private static Optional<Pending> pending(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty()
                : Optional.ofNullable(session.getAttribute(PENDING)).map(Pending.class::cast);
    }

    private static String key(Pending pending) {
        return "account:" + pending.username().strip().toLowerCase(Locale.ROOT);
    }

    private static String grouped(String secret) {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }

    private static String csrf(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return csrf == null ? "" : "<input type=\"hidden\" name=\"" + esc(csrf.getParameterName()) + "\" value=\""
                + esc(csrf.getToken()) + "\">";
    }

    private String text(Locale locale, String key) {
        return messages.getMessage(key, null, key, locale);
    }
}
