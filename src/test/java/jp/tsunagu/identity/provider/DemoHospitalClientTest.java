package jp.tsunagu.identity.provider;

import static org.assertj.core.api.Assertions.assertThat;

import jp.tsunagu.identity.Role;
import org.junit.jupiter.api.Test;

class DemoHospitalClientTest {

    @Test
    void everyDemoHospitalSystem_sendsForTheHospitalOfADemoClinician() {
        for (DemoHospitalClient hospital : DemoHospitalClient.ALL) {
            assertThat(DemoAccount.ALL).as(hospital.clientId()).anySatisfy(account -> {
                assertThat(account.role()).isEqualTo(Role.CLINICIAN);
                assertThat(account.organisation()).contains(hospital.organisationCode());
                assertThat(account.organisationName()).contains(hospital.organisationName());
            });
        }
    }
}
