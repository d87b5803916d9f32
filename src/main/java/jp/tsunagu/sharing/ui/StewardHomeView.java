package jp.tsunagu.sharing.ui;

import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import jp.tsunagu.audit.AccessLog;
import jp.tsunagu.audit.ChainCheck;
import jp.tsunagu.consent.BreakGlass;
import jp.tsunagu.directory.Directory;
import jp.tsunagu.record.Quarantines;
import jp.tsunagu.identity.Actor;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.identity.Role;
import jp.tsunagu.identity.SignInLocks;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shell.HomePage;

/** The data steward's start: reviews of emergency access, "not my record" cases and studies, the access log and its chain check. */
@Route("steward")
@RolesAllowed(Role.Names.STEWARD)
@Menu(title = "menu.steward", order = 40, icon = "vaadin:shield")
class StewardHomeView extends HomePage implements HasDynamicTitle {

    StewardHomeView(ActorService actors, AccessLog log, BreakGlass breakGlass, Quarantines quarantines,
            Directory directory, SignInLocks locks) {
        setHeading(getTranslation("steward.greeting", actors.currentActor().map(Actor::displayName).orElse("")));
        setIntro(getTranslation("steward.intro"));
        addCard("steward.review").add(new ReviewQueue(breakGlass));
        addCard("steward.quarantine").add(new QuarantineQueue(quarantines, directory));
        addCard("steward.log").add(new com.vaadin.flow.router.RouterLink(getTranslation("steward.log.open"),
                StewardLogView.class));
        // The research desk is research's page; the steward home links to it by its address.
        addCard("steward.studies").add(new com.vaadin.flow.component.html.Anchor("steward/studies",
                getTranslation("steward.studies.open")));
        addCard("steward.locks").add(new SignInLockList(locks));
        var chain = addCard("steward.chain");
        var result = new Paragraph();
        result.setId("steward-chain-result");
        var check = new Button(getTranslation("steward.chain.check"), click -> {
            ChainCheck outcome = log.verify();
            result.setText(outcome.intact()
                    ? getTranslation("steward.chain.intact", outcome.rows(), 0, outcome.checkpoints())
                    : getTranslation("steward.chain.broken." + outcome.problem().orElse("CHANGED"),
                            outcome.firstBroken().orElseThrow(), outcome.rows()));
            result.getElement().setAttribute("data-intact", Boolean.toString(outcome.intact()));
        });
        check.setId("steward-chain-check");
        var checkpoint = new Paragraph(log.latestCheckpoint()
                .map(c -> getTranslation("steward.chain.checkpoint", c.seq(), JapanTime.minute(c.at())))
                .orElseGet(() -> getTranslation("steward.chain.checkpoint.none")));
        checkpoint.setId("steward-chain-checkpoint");
        chain.add(check, result, checkpoint);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("menu.steward");
    }
}
