package jp.tsunagu.research;

import jp.tsunagu.directory.Directory;
import jp.tsunagu.directory.Organisation;
import jp.tsunagu.directory.OrganisationKind;
import jp.tsunagu.identity.Actor;
import jp.tsunagu.identity.ActorService;
import org.springframework.stereotype.Component;

/** Who is asking: the signed-in sponsor and the registered sponsor organisation they act for. */
@Component
public class Sponsors {

    private final Directory directory;
    private final ActorService actors;

    Sponsors(Directory directory, ActorService actors) {
        this.directory = directory;
        this.actors = actors;
    }

    public record Asking(Actor actor, Organisation organisation) {
    }

    public Asking current() {
        Actor actor = actors.currentActor().orElseThrow(() -> new IllegalStateException("nobody is signed in"));
        Organisation organisation = directory.signedInOrganisation()
                .filter(o -> o.details().kind() == OrganisationKind.SPONSOR)
                .orElseThrow(() -> new QueryRefusedException("research.refused.noSponsor"));
        return new Asking(actor, organisation);
    }
}
