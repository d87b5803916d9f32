package jp.tsunagu.identity.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Staff need a second factor in their ID token's amr; patients do not. */
class SecondFactorRuleTest {

    private static final List<String> ACCEPTED = List.of("otp", "hwk", "swk", "mfa");

    @Test
    void aClinicianWithoutASecondFactor_isRefused_andWithOne_passes() {
        var clinician = List.of(new SimpleGrantedAuthority("ROLE_CLINICIAN"));
        assertThat(SecondFactorRule.satisfied(clinician, Map.of(), ACCEPTED)).isFalse();
        assertThat(SecondFactorRule.satisfied(clinician, Map.of("amr", List.of("pwd")), ACCEPTED)).isFalse();
        assertThat(SecondFactorRule.satisfied(clinician, Map.of("amr", List.of("pwd", "otp")), ACCEPTED)).isTrue();
        assertThat(SecondFactorRule.satisfied(clinician, Map.of("amr", "hwk"), ACCEPTED)).isTrue();
        var steward = List.of(new SimpleGrantedAuthority("ROLE_STEWARD"));
        assertThat(SecondFactorRule.satisfied(steward, Map.of("amr", List.of("pwd", "sms")), ACCEPTED))
                .as("not an accepted method").isFalse();
    }

    @Test
    void aPatient_passesWithThePasswordAlone() {
        assertThat(SecondFactorRule.satisfied(List.of(new SimpleGrantedAuthority("ROLE_PATIENT")),
                Map.of("amr", List.of("pwd")), ACCEPTED)).isTrue();
    }
}
