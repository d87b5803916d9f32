package jp.tsunagu.identity.production;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jp.tsunagu.identity.IdentityProperties;
import jp.tsunagu.shared.ProductionMode;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Production starts only when it is really configured for production: an issuer of its own (not the
 * demo's), a client secret that is not one of the published demo secrets, an https public address
 * (secure cookies and HSTS need it), and an API audience. Each refusal says what to set. (The database
 * roles are checked where the database starts: a superuser or owning connection is refused there.)
 */
@Component
@ProductionMode
class ProductionChecks implements InitializingBean {

    /** Secrets printed in the README and on the demo login page. */
    static final Set<String> PUBLISHED_DEMO_SECRETS = Set.of("tsunagu-demo", "tsunagu-demo-hospital");

    private final IdentityProperties identity;

    ProductionChecks(IdentityProperties identity) {
        this.identity = identity;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> problems = new ArrayList<>();
        if (identity.issuerUri().isEmpty()) {
            problems.add("TSUNAGU_IDENTITY_ISSUER_URI is not set (the OIDC issuer of your identity provider)");
        } else if (identity.publicUrl().filter(url -> sameOrigin(url, identity.issuerUri().get())).isPresent()) {
            problems.add("TSUNAGU_IDENTITY_ISSUER_URI is the portal's own address, where the demo provider "
                    + "lives; the embedded demo provider does not run in production");
        }
        if (identity.clientSecret().filter(PUBLISHED_DEMO_SECRETS::contains).isPresent()) {
            problems.add("TSUNAGU_IDENTITY_CLIENT_SECRET is a published demo secret; use the one your provider issued");
        }
        if (identity.publicUrl().filter(url -> "https".equals(url.getScheme())).isEmpty()) {
            problems.add("TSUNAGU_IDENTITY_PUBLIC_URL must be the portal's https address (e.g. https://portal.example.jp)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Production mode refuses to start:\n - " + String.join("\n - ", problems)
                    + "\nSee README, 'Production'.");
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return String.valueOf(a.getScheme()).equalsIgnoreCase(String.valueOf(b.getScheme()))
                && String.valueOf(a.getAuthority()).equalsIgnoreCase(String.valueOf(b.getAuthority()));
    }
}
