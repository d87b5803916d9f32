package jp.tsunagu.record.ui;

import java.util.List;
import java.util.Optional;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.ItemTexts;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.MyItem;
import jp.tsunagu.shell.SafeHtml;

/**
 * One tappable line per item: title, detail, source and date, and a marker where care is needed. A row
 * is a single element whose inner markup is built here (escaped), not a tree of components: the home
 * page shows some thirty rows, and each component would cost the server about half a kilobyte per
 * open page.
 */
final class ItemRows {

    private ItemRows() {
    }

    static Component row(MyItem item) {
        return row(List.of(item));
    }

    /**
     * One row for what is one thing to the patient though several sources sent it (the same diagnosis
     * from two hospitals): the newest opens, and every source is named.
     */
    static Component row(List<MyItem> sameThing) {
        MyItem item = sameThing.get(0);
        var link = new RouterLink(ItemDetailView.class, item.id().value().toString());
        link.addClassName("tsunagu-item");
        String title = ItemTexts.title(item.content());
        var html = new SafeHtml().open("tsunagu-item-top").span("tsunagu-item-title", title);
        marker(item).ifPresent(m -> html.span("tsunagu-badge tsunagu-badge-" + m.kind(), m.text()));
        html.end();
        String detail = ItemTexts.detail(item.content());
        if (!detail.isEmpty() && !detail.equals(title)) {
            html.span("tsunagu-item-detail", detail);
        }
        html.span("tsunagu-item-source", sameThing.stream().map(ItemRows::provenance)
                .collect(java.util.stream.Collectors.joining("、")));
        link.getElement().setProperty("innerHTML", html.toString());
        return link;
    }

    /** "東京中央病院・2025/03/04", or who of the patient's own hand it came from. */
    static String provenance(MyItem item) {
        String who = switch (item.provenance().by()) {
            case ORGANISATION -> item.provenance().organisation().orElse(ItemTexts.t("record.source.unknown"));
            case PATIENT_ENTERED -> ItemTexts.t("record.source.entered");
            case PATIENT_UPLOADED -> ItemTexts.t("record.source.uploaded");
        };
        return who + "・" + (item.content() instanceof jp.tsunagu.record.PhrEntry ? JapanTime.minute(item.date())
                : JapanTime.day(item.date()));
    }

    /** The marker of an item as a component, for pages that show one item. */
    static Optional<Span> badge(MyItem item) {
        return marker(item).map(m -> {
            var badge = new Span(m.text());
            badge.addClassNames("tsunagu-badge", "tsunagu-badge-" + m.kind());
            return badge;
        });
    }

    private record Marker(String text, String kind) {
    }

    private static Optional<Marker> marker(MyItem item) {
        if (item.provenance().quarantined()) {
            return Optional.of(new Marker(ItemTexts.t("record.heldBack.badge"), "held"));
        }
        if (item.content() instanceof LabResult lab && lab.outOfRange().orElse(false)) {
            return Optional.of(new Marker(ItemTexts.t("record.lab.outOfRange"), "alert"));
        }
        if (item.content() instanceof Allergy allergy && allergy.criticality().filter("high"::equals).isPresent()) {
            return Optional.of(new Marker(ItemTexts.t("record.allergy.criticalBadge"), "alert"));
        }
        if (item.provenance().by() != jp.tsunagu.record.RecordItem.ProvidedBy.ORGANISATION) {
            return Optional.of(new Marker(ItemTexts.t("record.source.mineBadge"), "mine"));
        }
        return Optional.empty();
    }
}
