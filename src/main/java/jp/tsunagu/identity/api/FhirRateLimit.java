package jp.tsunagu.identity.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.tsunagu.shared.TokenBuckets;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The FHIR API's rate limit: per API client once its token is known, per client address before.
 * Over the limit, 429 with {@code Retry-After} and an OperationOutcome of type {@code throttled}, so a
 * hospital's system backs off instead of retrying at once.
 */
final class FhirRateLimit extends OncePerRequestFilter {

    private final TokenBuckets clients;
    private final TokenBuckets addresses;

    FhirRateLimit(TokenBuckets clients, TokenBuckets addresses) {
        this.clients = clients;
        this.addresses = addresses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Optional<Duration> wait = authentication != null && authentication.isAuthenticated()
                ? clients.take(authentication.getName())
                : addresses.take(request.getRemoteAddr());
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, wait.get().toSeconds() + 1);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType("application/fhir+json");
        response.getOutputStream().write(("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                + "\"code\":\"throttled\",\"diagnostics\":\"Too many requests from this client: try again in "
                + seconds + " seconds.\"}]}").getBytes(StandardCharsets.UTF_8));
    }
}
