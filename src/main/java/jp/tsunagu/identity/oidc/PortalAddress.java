package jp.tsunagu.identity.oidc;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import jp.tsunagu.identity.IdentityProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The portal's own base address. The embedded provider's issuer and the portal's redirect URI both
 * derive from it, and with a random port (tests) it is known only once the server listens, which
 * is why nothing reads it at start-up.
 */
@Component
public class PortalAddress {

    private final AtomicReference<URI> baseUrl = new AtomicReference<>();

    PortalAddress(IdentityProperties properties) {
        properties.publicUrl().map(PortalAddress::withoutTrailingSlash).ifPresent(baseUrl::set);
    }

    @EventListener
    void onServerStarted(WebServerInitializedEvent event) {
        baseUrl.compareAndSet(null, URI.create("http://localhost:" + event.getWebServer().getPort()));
    }

    /** e.g. {@code http://localhost:8080}, without a trailing slash. */
    public String baseUrl() {
        URI uri = baseUrl.get();
        if (uri == null) {
            throw new IllegalStateException("The portal's address is known once the web server has started");
        }
        return uri.toString();
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
