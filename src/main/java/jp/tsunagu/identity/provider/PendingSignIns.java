package jp.tsunagu.identity.provider;

import static jp.tsunagu.identity.provider.ProviderPageFrame.esc;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jp.tsunagu.identity.persistence.PasskeyStore;
import jp.tsunagu.identity.persistence.SecondFactorStore;
import jp.tsunagu.identity.throttle.SignInThrottle;
import jp.tsunagu.shared.DemoMode;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;

/**
 * A password that was right, waiting for its second factor (a code or a passkey): kept in the session,
 * signed in nowhere until the factor is given. Wrong factors count towards the account's lock.
 */
@Component
@DemoMode
class PendingSignIns {

    private static final String PENDING = "TSUNAGU_PROVIDER_PENDING_SIGN_IN";

    /** The password step's result; the authorities carry the password factor's time (auth_time). */
    record Pending(String username, List<GrantedAuthority> authorities) implements Serializable {
    }

    private final SignInThrottle accountThrottle;
    private final SecondFactorStore codes;
    private final PasskeyStore passkeys;
    private final SecurityContextRepository providerContext;
    private final AuthenticationSuccessHandler afterLogin;
    private final Clock clock = Clock.systemUTC();

    PendingSignIns(SignInThrottle accountThrottle, ProviderSession session, SecondFactorStore codes,
            PasskeyStore passkeys) {
        this.accountThrottle = accountThrottle;
        this.codes = codes;
        this.passkeys = passkeys;
        this.providerContext = session.contextRepository();
        this.afterLogin = session.afterLogin();
    }

    /** After the password: nobody is signed in at the provider, the person waits for their factor. */
    static void start(HttpServletRequest request, HttpServletResponse response, Authentication password,
            ProviderSession session) {
        session.contextRepository().saveContext(SecurityContextHolder.createEmptyContext(), request, response);
        SecurityContextHolder.clearContext();
        request.getSession().setAttribute(PENDING, new Pending(password.getName(),
                List.copyOf(password.getAuthorities())));
    }

    static Optional<Pending> of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty()
                : Optional.ofNullable(session.getAttribute(PENDING)).map(Pending.class::cast);
    }

    /**
     * A pending sign-in that may enrol its first factor: only a person who has none yet. Whoever has a
     * code app or a passkey must give it; enrolling another one here would be a way around it with the
     * password alone.
     */
    Optional<Pending> enrolling(HttpServletRequest request) {
        return of(request).filter(pending -> codes.find(pending.username()).isEmpty()
                && passkeys.of(pending.username()).isEmpty());
    }

    /** Both factors given: now, and only now, the person is signed in at the provider. */
    void complete(HttpServletRequest request, HttpServletResponse response, Pending pending, String factor)
            throws IOException, ServletException {
        List<GrantedAuthority> authorities = new ArrayList<>(pending.authorities());
        authorities.add(FactorGrantedAuthority.withAuthority(factor).issuedAt(clock.instant()).build());
        Authentication signedIn = UsernamePasswordAuthenticationToken.authenticated(pending.username(), null,
                authorities);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(signedIn);
        providerContext.saveContext(context, request, response);
        request.getSession().removeAttribute(PENDING);
        accountThrottle.succeeded(key(pending.username()));
        afterLogin.onAuthenticationSuccess(request, response, signedIn);
    }

    /** A wrong factor: it counts towards the account's lock as a wrong password does. */
    void failed(Pending pending) {
        accountThrottle.failed(key(pending.username()));
    }

    /**
     * Refuses (with a redirect) while the account is locked or must wait; a locked account's pending
     * sign-in ends.
     */
    boolean refused(HttpServletRequest request, HttpServletResponse response, Pending pending, String retryPage)
            throws IOException {
        SignInThrottle.Verdict verdict = accountThrottle.admit(List.of(key(pending.username())));
        if (verdict instanceof SignInThrottle.Verdict.Locked locked) {
            request.getSession().removeAttribute(PENDING);
            long seconds = Math.max(1, java.time.Duration.between(clock.instant(), locked.until()).toSeconds());
            response.sendRedirect(request.getContextPath() + EmbeddedProviderConfiguration.LOGIN_PAGE + "?locked="
                    + seconds);
            return true;
        }
        if (verdict instanceof SignInThrottle.Verdict.Wait) {
            response.sendRedirect(request.getContextPath() + retryPage + "?error");
            return true;
        }
        return false;
    }

    private static String key(String username) {
        return "account:" + username.strip().toLowerCase(Locale.ROOT);
    }

    /** The form field Spring Security's CSRF check wants on the provider's own forms. */
    static String csrf(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return csrf == null ? "" : "<input type=\"hidden\" name=\"" + esc(csrf.getParameterName()) + "\" value=\""
                + esc(csrf.getToken()) + "\">";
    }
}
