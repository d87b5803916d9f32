package jp.tsunagu.sharing.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import jp.tsunagu.directory.PatientId;
import jp.tsunagu.fhir.FhirImporter;
import jp.tsunagu.fhir.ImportMessages;
import jp.tsunagu.fhir.ImportRefusedException;

/**
 * A clinician adds a FHIR document (referral letter, discharge summary) for the patient on screen; it is
 * stored with their hospital as its source, or refused with the import's reasons and nothing stored.
 */
class DocumentUpload extends Div {

    DocumentUpload(FhirImporter importer, ImportMessages messages, PatientId patient, Runnable afterwards) {
        setId("document-upload");
        addClassName("tsunagu-document-upload");
        var outcome = new Div();
        outcome.setId("document-upload-outcome");
        long limit = importer.maxBundleBytes();
        int readAtMost = (int) Math.min(limit + 1, Integer.MAX_VALUE - 8);
        var upload = new Upload((UploadHandler) event -> {
            byte[] bytes;
            try (var in = event.getInputStream()) {
                bytes = in.readNBytes(readAtMost);
            }
            event.getUI().access(() -> {
                outcome.removeAll();
                try {
                    var result = importer.importForPatient(bytes, patient);
                    outcome.getElement().setAttribute("data-state", "added");
                    messages.describe(result, getLocale()).forEach(line -> outcome.add(new Paragraph(line)));
                    afterwards.run();
                } catch (ImportRefusedException refused) {
                    outcome.getElement().setAttribute("data-state", "refused");
                    var list = new UnorderedList();
                    refused.problems().forEach(p -> list.add(new ListItem(messages.describe(p, getLocale()))));
                    outcome.add(new Paragraph(getTranslation("upload.refusedTitle")), list,
                            new Paragraph(getTranslation("upload.nothingStored")));
                }
            });
        });
        upload.setMaxFiles(1);
        upload.setUploadButton(new com.vaadin.flow.component.button.Button(getTranslation("upload.choose")));
        upload.setDropLabel(new com.vaadin.flow.component.html.Span(getTranslation("upload.drop")));
        upload.setAcceptedFileTypes("application/json", "application/fhir+json", ".json");
        add(new H3(getTranslation("clinician.document.title")), new Paragraph(getTranslation("clinician.document.text")),
                upload, outcome);
    }
}
