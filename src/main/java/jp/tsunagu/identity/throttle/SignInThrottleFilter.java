package jp.tsunagu.identity.throttle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the embedded provider's two doors that take a secret: the login form (per account and per
 * client address) and the token endpoint (per client id and per client address). It runs before the
 * security chains, so a locked key never reaches a password check, and reads the chain's answer to
 * learn whether the attempt failed.
 */
public final class SignInThrottleFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SignInThrottleFilter.class);

    private final String loginPath;
    private final SignInThrottle accounts;
    private final SignInThrottle addresses;

    public SignInThrottleFilter(String loginPath, SignInThrottle accounts, SignInThrottle addresses) {
        this.loginPath = loginPath;
        this.accounts = accounts;
        this.addresses = addresses;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !(path.equals(loginPath) || path.equals("/oauth2/token"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean login = request.getRequestURI().endsWith(loginPath);
        Optional<String> who = login ? Optional.ofNullable(request.getParameter("username"))
                .map(name -> "account:" + name.strip().toLowerCase(Locale.ROOT)) : clientId(request).map(id -> "client:" + id);
        String address = "address:" + request.getRemoteAddr();
        SignInThrottle.Verdict verdict = addresses.admit(List.of(address));
        if (verdict instanceof SignInThrottle.Verdict.Go && who.isPresent()) {
            verdict = accounts.admit(List.of(who.get()));
        }
        switch (verdict) {
            case SignInThrottle.Verdict.Locked locked -> {
                LOG.warn("Sign-in refused: {} is locked until {}", loggable(who.orElse(address)), locked.until());
                refuse(request, response, login, "locked", Duration.between(java.time.Instant.now(), locked.until()));
                return;
            }
            case SignInThrottle.Verdict.Wait wait -> {
                refuse(request, response, login, "wait", wait.retryAfter());
                return;
            }
            case SignInThrottle.Verdict.Go go -> {
            }
        }
        chain.doFilter(request, response);
        String location = Optional.ofNullable(response.getHeader("Location")).orElse("");
        boolean failed = login ? location.contains("?error") : response.getStatus() == 401 || response.getStatus() == 400;
        // A right password on its way to the second factor is not yet a success: the count stands
        // until the code is right, so that knowing the password does not buy endless code guesses.
        boolean secondStep = login && (location.contains("/idp/second-factor") || location.contains("/idp/enrol"));
        if (failed) {
            addresses.failed(address);
            who.ifPresent(accounts::failed);
        } else if (response.getStatus() < 400 && !secondStep) {
            who.ifPresent(accounts::succeeded);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, boolean login, String why,
            Duration retryAfter) throws IOException {
        long seconds = Math.max(1, retryAfter.toSeconds() + 1);
        response.setHeader("Retry-After", Long.toString(seconds));
        if (login) {
            response.sendRedirect(request.getContextPath() + loginPath + "?" + why + "=" + seconds);
            return;
        }
        response.setStatus(429);
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"error\":\"invalid_client\",\"error_description\":\""
                + ("locked".equals(why) ? "Too many failed attempts: this client is locked for " + seconds
                        + " seconds. A data steward can unlock it."
                        : "Too many failed attempts: try again in " + seconds + " seconds.")
                + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** A typed name as it may appear in a log line: printable, one line, bounded (no forged log lines). */
    static String loggable(String text) {
        String printable = text.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    }

    /** The client id of a token request: from HTTP Basic, else from the form. */
    private static Optional<String> clientId(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    return Optional.of(java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(request.getParameter("client_id"));
    }
}
