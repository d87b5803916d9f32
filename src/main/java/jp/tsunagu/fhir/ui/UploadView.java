package jp.tsunagu.fhir.ui;

import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.NativeDetails;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import jakarta.annotation.security.RolesAllowed;
import jp.tsunagu.fhir.FhirImporter;
import jp.tsunagu.fhir.ImportMessages;
import jp.tsunagu.fhir.ImportProblem;
import jp.tsunagu.fhir.ImportRefusedException;
import jp.tsunagu.fhir.ImportResult;
import jp.tsunagu.identity.Role;
import jp.tsunagu.record.MyRecord;
import jp.tsunagu.shared.JapanTime;

/**
 * A patient adds a FHIR file (from a hospital's patient portal or another health app) to their own
 * record. The upload shows its progress; then either what was added, or the import's reasons for
 * refusing it, in which case nothing at all was stored.
 */
@Route("patient/upload")
@RolesAllowed(Role.Names.PATIENT)
@Menu(title = "menu.upload", order = 12, icon = "vaadin:upload")
class UploadView extends VerticalLayout implements HasDynamicTitle {

    private final FhirImporter importer;
    private final ImportMessages messages;
    private final MyRecord myRecord;
    private final Div outcome = new Div();
    private final Div imports = new Div();
    private final Upload upload;

    UploadView(FhirImporter importer, ImportMessages messages, MyRecord myRecord) {
        this.importer = importer;
        this.messages = messages;
        this.myRecord = myRecord;
        addClassName("tsunagu-page");
        long limit = importer.maxBundleBytes();
        add(new H1(getTranslation("upload.title")), new Paragraph(getTranslation("upload.intro")),
                new Paragraph(getTranslation("upload.limit", limit / 1024 / 1024)));

        // Reads at most one byte more than the limit: an oversized file is refused by the import's own size
        // check without the server ever holding more than that (the browser's limit is only a courtesy).
        int readAtMost = (int) Math.min(limit + 1, Integer.MAX_VALUE - 8);
        upload = new Upload((UploadHandler) event -> {
            byte[] bytes;
            try (var in = event.getInputStream()) {
                bytes = in.readNBytes(readAtMost);
            }
            event.getUI().access(() -> receive(bytes));
        });
        upload.setId("fhir-upload");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(limit, Integer.MAX_VALUE));
        upload.setAcceptedFileTypes("application/json", "application/fhir+json", ".json");
        upload.setDropLabel(new com.vaadin.flow.component.html.Span(getTranslation("upload.drop")));
        upload.setUploadButton(new com.vaadin.flow.component.button.Button(getTranslation("upload.choose")));
        upload.addFileRejectedListener(event -> refused(getTranslation("upload.rejected", event.getErrorMessage()),
                java.util.List.of()));
        upload.setI18n(new com.vaadin.flow.component.upload.UploadI18N()
                .setError(new com.vaadin.flow.component.upload.UploadI18N.Error()
                        .setFileIsTooBig(getTranslation("upload.tooBig", limit / 1024 / 1024))
                        .setIncorrectFileType(getTranslation("upload.wrongType"))
                        .setTooManyFiles(getTranslation("upload.tooMany")))
                // The file's line while it travels and is read: in her language too, not "Processing File...".
                .setUploading(new com.vaadin.flow.component.upload.UploadI18N.Uploading()
                        .setStatus(new com.vaadin.flow.component.upload.UploadI18N.Uploading.Status()
                                .setConnecting(getTranslation("upload.status.connecting"))
                                .setStalled(getTranslation("upload.status.stalled"))
                                .setProcessing(getTranslation("upload.status.processing"))
                                .setHeld(getTranslation("upload.status.held")))
                        .setRemainingTime(new com.vaadin.flow.component.upload.UploadI18N.Uploading.RemainingTime()
                                .setPrefix(getTranslation("upload.status.remaining"))
                                .setUnknown(getTranslation("upload.status.remainingUnknown")))
                        .setError(new com.vaadin.flow.component.upload.UploadI18N.Uploading.Error()
                                .setServerUnavailable(getTranslation("upload.status.unavailable"))
                                .setUnexpectedServerError(getTranslation("upload.status.unavailable"))
                                .setForbidden(getTranslation("upload.status.forbidden"))
                                .setFileTooLarge(getTranslation("upload.tooBig", limit / 1024 / 1024))))
                .setFile(new com.vaadin.flow.component.upload.UploadI18N.File()
                        .setRetry(getTranslation("upload.file.retry"))
                        .setStart(getTranslation("upload.file.start"))
                        .setRemove(getTranslation("upload.file.remove"))));
        outcome.setId("upload-outcome");
        outcome.addClassName("tsunagu-outcome");
        imports.setId("my-imports");
        imports.addClassName("tsunagu-items");
        add(upload, outcome, new H2(getTranslation("upload.mine.title")),
                new Paragraph(getTranslation("upload.mine.intro")), imports);
        showImports();
    }

    /** The files she imported, each withdrawable: everything a file added goes with it. */
    private void showImports() {
        imports.removeAll();
        var mine = myRecord.myImports();
        if (mine.isEmpty()) {
            imports.add(new Paragraph(getTranslation("upload.mine.none")));
        }
        for (MyRecord.MyImport file : mine) {
            var withdraw = new Button(getTranslation("upload.mine.withdraw"));
            withdraw.addClassName("withdraw-import");
            withdraw.addClickListener(click -> {
                var dialog = new ConfirmDialog(getTranslation("upload.mine.confirm.title"),
                        getTranslation("upload.mine.confirm", file.items()), getTranslation("upload.mine.withdraw"),
                        confirmed -> {
                            int removed = myRecord.withdrawImport(file.id());
                            Notification.show(getTranslation("upload.mine.withdrawn", removed));
                            showImports();
                        });
                dialog.setCancelable(true);
                dialog.setCancelText(getTranslation("inbox.notMine.confirm.no"));
                dialog.open();
            });
            var row = new Div(new Span(getTranslation("upload.mine.row", JapanTime.minute(file.receivedAt()),
                    file.items())), withdraw);
            row.addClassNames("tsunagu-item", "my-import");
            imports.add(row);
        }
    }

    private void receive(byte[] bytes) {
        // The outcome below says what happened to the file; the list is emptied so the next one can follow.
        upload.clearFileList();
        try {
            ImportResult result = importer.importOwnBundle(bytes);
            outcome.removeAll();
            outcome.getElement().setAttribute("data-state", "added");
            outcome.add(new H2(getTranslation(result.alreadyImported() ? "upload.resentTitle" : "upload.doneTitle")));
            // In her words, not the import's: items of her record, not "resources" or FHIR type names.
            outcome.add(new Paragraph(result.alreadyImported() ? getTranslation("upload.resentText")
                    : getTranslation("upload.counts", result.added(), result.updated(), result.unchanged())));
            if (!result.addedByCategory().isEmpty()) {
                var list = new UnorderedList();
                for (Map.Entry<String, Long> added : result.addedByCategory().entrySet()) {
                    list.add(new ListItem(getTranslation("upload.addedLine",
                            getTranslation("record.category." + added.getKey()), added.getValue())));
                }
                outcome.add(list);
            }
            if (!result.kept().isEmpty()) {
                Map<String, Long> kept = new java.util.TreeMap<>();
                result.kept().forEach((type, count) -> kept.merge(keptKind(type), count, Long::sum));
                outcome.add(new Paragraph(getTranslation("upload.kept", String.join("、", kept.entrySet().stream()
                        .map(k -> getTranslation("upload.addedLine", getTranslation(k.getKey()), k.getValue()))
                        .toList()))));
            }
            outcome.add(new Paragraph(getTranslation("upload.provenance")));
            outcome.add(new com.vaadin.flow.component.html.Anchor("patient", getTranslation("upload.toHome")));
            showImports();
        } catch (ImportRefusedException refused) {
            refused(getTranslation("upload.refusedTitle"), refused.problems());
        }
    }

    /**
     * Why a file was refused. What she can act on (not her record, too big, too many at once) is said as
     * it is; the checks of the file's inside (JSON, FHIR, codes, references) mean nothing to most people,
     * so they read as one sentence, with the details folded away for whoever helps her (or the sender).
     */
    private void refused(String title, java.util.List<ImportProblem> problems) {
        outcome.removeAll();
        outcome.getElement().setAttribute("data-state", "refused");
        outcome.add(new H2(title));
        if (problems.isEmpty()) {
            return;
        }
        var forPeople = problems.stream().filter(p -> FOR_PEOPLE.contains(p.messageKey())).toList();
        var technical = problems.stream().filter(p -> !FOR_PEOPLE.contains(p.messageKey())).toList();
        if (!forPeople.isEmpty()) {
            var list = new UnorderedList();
            forPeople.forEach(p -> list.add(new ListItem(messages.text(p, getLocale()))));
            outcome.add(list);
        }
        if (!technical.isEmpty()) {
            var broken = new Paragraph(getTranslation("upload.broken"));
            broken.setId("upload-broken");
            outcome.add(broken);
            var list = new UnorderedList();
            technical.forEach(p -> list.add(new ListItem(messages.describe(p, getLocale()))));
            var details = new NativeDetails(getTranslation("upload.details"), list);
            details.setId("upload-details");
            details.addClassName("tsunagu-upload-details");
            outcome.add(details);
        }
        outcome.add(new Paragraph(getTranslation("upload.nothingStored")));
    }

    /** Refusals a patient can understand and act on as they are. */
    private static final java.util.Set<String> FOR_PEOPLE = java.util.Set.of("fhir.error.notYourRecord",
            "fhir.error.tooLarge", "fhir.error.tooManyUploads", "fhir.error.forbidden");

    /** What a kind of FHIR resource kept beside the record is, in people's words (a text key). */
    private static String keptKind(String resourceType) {
        return switch (resourceType) {
            case "DocumentReference", "Composition", "Binary", "Media", "DiagnosticReport" -> "upload.kept.documents";
            case "Practitioner", "PractitionerRole", "Organization", "Location" -> "upload.kept.careTeam";
            case "Immunization" -> "upload.kept.vaccinations";
            case "Procedure" -> "upload.kept.procedures";
            default -> "upload.kept.other";
        };
    }

    @Override
    public String getPageTitle() {
        return getTranslation("upload.title");
    }
}
