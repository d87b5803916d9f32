package jp.tsunagu.identity.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;

import jp.tsunagu.identity.IdentityProperties;
import jp.tsunagu.identity.SessionProperties;
import jp.tsunagu.shared.DemoMode;
import jp.tsunagu.shared.ProductionMode;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Headers and session lifetimes for every request, registered ahead of the security chains. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SessionProperties.class)
class WebProtectionConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(WebProtectionConfiguration.class);

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> securityHeaders(IdentityProperties identity,
            @Value("${tsunagu.mode:demo}") String mode) {
        List<String> formTargets = identity.issuerUri()
                .map(uri -> uri.getScheme() + "://" + uri.getAuthority()).stream().toList();
        var registration = new FilterRegistrationBean<>(new SecurityHeadersFilter(formTargets,
                "production".equals(mode)));
        registration.setOrder(-300);
        return registration;
    }

    /**
     * The demo mode publishes its passwords, so it listens on this machine only unless told otherwise
     * ({@code TSUNAGU_DEMO_LISTEN_ADDRESS=0.0.0.0}), and says so at start.
     */
    @Bean
    @DemoMode
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> demoListensOnLoopback(
            @Value("${tsunagu.demo.listen-address:}") String listenAddress) {
        return factory -> {
            try {
                InetAddress address = listenAddress.isBlank() ? InetAddress.getLoopbackAddress()
                        : InetAddress.getByName(listenAddress);
                factory.setAddress(address);
                LOG.warn("Demo mode: published demo passwords, listening on {} only{}", address.getHostAddress(),
                        listenAddress.isBlank() ? " (set TSUNAGU_DEMO_LISTEN_ADDRESS to open it to a network)" : "");
            } catch (UnknownHostException e) {
                throw new IllegalStateException("TSUNAGU_DEMO_LISTEN_ADDRESS is not an address: " + listenAddress, e);
            }
        };
    }

    /**
     * Production runs behind TLS: the session cookie is {@code Secure} and carries the {@code __Host-}
     * prefix, which makes the browser refuse it from anything but this exact host over https.
     */
    @Bean
    @ProductionMode
    ServletContextInitializer secureSessionCookie() {
        return context -> {
            var cookie = context.getSessionCookieConfig();
            cookie.setName(PRODUCTION_SESSION_COOKIE);
            cookie.setSecure(true);
            cookie.setPath("/");
        };
    }

    static final String PRODUCTION_SESSION_COOKIE = "__Host-TSUNAGU_SESSION";

    @Bean
    FilterRegistrationBean<SessionLifetimeFilter> sessionLifetime(SessionProperties properties) {
        var registration = new FilterRegistrationBean<>(new SessionLifetimeFilter(properties, Clock.systemUTC()));
        registration.setOrder(-250);
        return registration;
    }
}
