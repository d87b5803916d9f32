package jp.tsunagu.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.card.Card;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.sidenav.SideNav;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.TestActors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The landing page and the patient home, rendered on the server without a browser. */
@SpringBootTest
@ActiveProfiles("test")
class PortalViewsIT extends SpringBrowserlessTest {

    @Override
    protected Set<String> scanPackages() {
        return Set.of("jp.tsunagu");
    }

    @AfterEach
    void signOut() {
        TestActors.signOut();
    }

    @Test
    void anonymousVisitor_seesTheFourBenefitsInJapanese_andALoginButton_butNoMenu() {
        navigate("", Component.class);

        assertThat($(H1.class).first().getText()).isEqualTo("あなたの医療データを、あなたの同意でつなぐ");
        assertThat($(H3.class).all()).extracting(H3::getText)
                .containsExactly("医療の質向上", "医療の技術革新", "医療資源の最適化", "社会保障制度の持続可能性確保");
        assertThat($(Anchor.class).id("landing-action").getHref()).isEqualTo("/oauth2/authorization/tsunagu");
        assertThat($(Anchor.class).id("login").getText()).isEqualTo("ログイン");
        assertThat($(SideNav.class).all()).isEmpty();
    }

    @Test
    void signedInPatient_homeGreetsByName_andPutsAllergiesFirst() {
        TestActors.signIn("browserless-patient", "佐藤 花子", Role.PATIENT);
        navigate("patient", Component.class);

        assertThat($(H1.class).first().getText()).isEqualTo("佐藤 花子さん、こんにちは");
        assertThat($(Card.class).all()).extracting(card -> card.getId().orElseThrow()).containsExactly(
                "patient-allergies", "patient-diagnoses", "patient-prescriptions", "patient-labs",
                "patient-documents", "patient-measurements");
    }
}
