package jp.tsunagu.record.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import jp.tsunagu.record.Allergy;
import jp.tsunagu.record.LabResult;
import jp.tsunagu.record.MyItem;

/** One tappable line per item: title, detail, source and date, and a marker where care is needed. */
final class ItemRows {

    private ItemRows() {
    }

    static Component row(MyItem item) {
        var link = new RouterLink(ItemDetailView.class, item.id().value().toString());
        link.addClassName("tsunagu-item");
        var title = new Span(ItemTexts.title(item.content()));
        title.addClassName("tsunagu-item-title");
        var top = new Div(title);
        top.addClassName("tsunagu-item-top");
        marker(item).ifPresent(top::add);
        link.add(top);
        String detail = ItemTexts.detail(item.content());
        if (!detail.isEmpty() && !detail.equals(title.getText())) {
            var line = new Span(detail);
            line.addClassName("tsunagu-item-detail");
            link.add(line);
        }
        var source = new Span(ItemTexts.provenance(item));
        source.addClassName("tsunagu-item-source");
        link.add(source);
        return link;
    }

    static java.util.Optional<Span> marker(MyItem item) {
        if (item.content() instanceof LabResult lab && lab.outOfRange().orElse(false)) {
            return java.util.Optional.of(badge(ItemTexts.t("record.lab.outOfRange"), "alert"));
        }
        if (item.content() instanceof Allergy allergy && allergy.criticality().filter("high"::equals).isPresent()) {
            return java.util.Optional.of(badge(ItemTexts.t("record.allergy.criticalBadge"), "alert"));
        }
        if (item.provenance().by() != MyItem.ProvidedBy.ORGANISATION) {
            return java.util.Optional.of(badge(ItemTexts.t("record.source.mineBadge"), "mine"));
        }
        return java.util.Optional.empty();
    }

    private static Span badge(String text, String kind) {
        var badge = new Span(text);
        badge.addClassNames("tsunagu-badge", "tsunagu-badge-" + kind);
        return badge;
    }
}
