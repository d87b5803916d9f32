package jp.tsunagu.identity.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The same protective headers on every response, whichever chain or servlet answers it (portal,
 * provider, FHIR API, error pages, static files). The CSP is the tightest Vaadin Flow runs under: its
 * bootstrap is an inline script and it builds functions from what the server sends, so scripts need
 * 'unsafe-inline' and 'unsafe-eval'; everything else comes only from the portal itself, and no other
 * site may frame it. Pages and answers carry personal data, so nothing is cached but the static assets.
 */
public final class SecurityHeadersFilter extends OncePerRequestFilter {

    private static final List<String> STATIC = List.of("/VAADIN/", "/styles/", "/icons/", "/images/", "/favicon");

    private final String contentSecurityPolicy;
    private final boolean strictTransport;

    /**
     * @param formTargets origins besides the portal a form may post to (the external OIDC provider)
     * @param strictTransport whether to send HSTS (production, behind TLS)
     */
    public SecurityHeadersFilter(List<String> formTargets, boolean strictTransport) {
        this.contentSecurityPolicy = String.join("; ",
                "default-src 'self'",
                "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data: blob:",
                "font-src 'self' data:",
                "connect-src 'self'",
                "object-src 'none'",
                "base-uri 'self'",
                "frame-ancestors 'none'",
                "form-action 'self'" + (formTargets.isEmpty() ? "" : " " + String.join(" ", formTargets)));
        this.strictTransport = strictTransport;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), "
                + "interest-cohort=()");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        if (strictTransport) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (STATIC.stream().noneMatch(path::startsWith)) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Pragma", "no-cache");
        }
        chain.doFilter(request, response);
    }
}
