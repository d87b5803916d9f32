package jp.tsunagu.identity.provider;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.Totp;
import jp.tsunagu.identity.persistence.SecondFactorStore;
import jp.tsunagu.shared.DemoMode;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * The demo stays one command: its staff accounts come enrolled for TOTP, each with a secret derived
 * from its name (the same after every restart), and the second-factor page of the demo shows the
 * current code. Patients are not enrolled; they may enrol themselves.
 */
@Component
@DemoMode
class DemoSecondFactors implements InitializingBean {

    private final SecondFactorStore store;

    DemoSecondFactors(SecondFactorStore store) {
        this.store = store;
    }

    @Override
    public void afterPropertiesSet() {
        DemoAccount.ALL.stream().filter(account -> account.role() != Role.PATIENT)
                .forEach(account -> store.enrol(account.username(), secretOf(account.username()), 0));
    }

    static String secretOf(String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("tsunagu-demo-second-factor".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return Totp.base32(Arrays.copyOf(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)), 20));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
