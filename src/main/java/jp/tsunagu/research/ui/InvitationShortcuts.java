package jp.tsunagu.research.ui;

import java.util.List;

import jp.tsunagu.research.studies.MyInvitations;
import jp.tsunagu.shell.HomeShortcuts;
import org.springframework.stereotype.Component;

/** An invitation she has not answered yet, on マイページ: the newest, with how many wait. */
@Component
class InvitationShortcuts implements HomeShortcuts {

    private final MyInvitations invitations;

    InvitationShortcuts(MyInvitations invitations) {
        this.invitations = invitations;
    }

    @Override
    public List<Shortcut> forSignedInPatient() {
        var open = invitations.mine().stream().filter(i -> i.status() == MyInvitations.Status.SENT).toList();
        if (open.isEmpty()) {
            return List.of();
        }
        var newest = open.stream().max(java.util.Comparator.comparing(MyInvitations.Invitation::sentAt)).orElseThrow();
        return List.of(new Shortcut("shortcut-invitation", "patient/invitations/" + newest.id(), "home.invitation",
                open.size(), "home.invitationsWaiting", 5));
    }
}
