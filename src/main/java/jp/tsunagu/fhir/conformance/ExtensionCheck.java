package jp.tsunagu.fhir.conformance;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.hl7.fhir.r4.model.BackboneElement;
import org.hl7.fhir.r4.model.BackboneType;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * Every extension in a resource, wherever it sits: its url must be defined in the packages or be a core HL7
 * extension (otherwise a warning: the item is still stored, only nobody can say what the extension means), and
 * a known extension must carry a value of a type its definition allows. Contained resources are left to their
 * own check.
 */
final class ExtensionCheck {

    static final String UNKNOWN_EXTENSION = "fhir.conformance.unknownExtension";
    static final String EXTENSION_TYPE = "fhir.conformance.extensionType";

    private static final String CORE = "http://hl7.org/fhir/StructureDefinition/";
    /** Deeper than any real resource; a malicious one stops being walked rather than overflowing the stack. */
    private static final int MAX_DEPTH = 64;

    private final Map<String, ProfileCompiler.ExtensionDefinition> definitions;

    ExtensionCheck(Map<String, ProfileCompiler.ExtensionDefinition> definitions) {
        this.definitions = definitions;
    }

    void check(Resource resource, Path at, List<Finding> out) {
        walk(resource, at, out, 0);
    }

    private void walk(Base element, Path path, List<Finding> out, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        if (element instanceof DomainResource resource) {
            extensions(resource.getExtension(), "extension", path, null, out, depth);
            extensions(resource.getModifierExtension(), "modifierExtension", path, null, out, depth);
        } else if (element instanceof Element item) {
            extensions(item.getExtension(), "extension", path, null, out, depth);
            if (item instanceof BackboneElement backbone) {
                extensions(backbone.getModifierExtension(), "modifierExtension", path, null, out, depth);
            } else if (item instanceof BackboneType backbone) {
                extensions(backbone.getModifierExtension(), "modifierExtension", path, null, out, depth);
            }
        }
        if (element.isPrimitive()) {
            return;
        }
        for (Property property : element.children()) {
            String name = property.getName();
            if (!property.hasValues() || name.equals("extension") || name.equals("modifierExtension")
                    || name.equals("contained")) {
                continue;
            }
            String step = name.endsWith("[x]") ? name.substring(0, name.length() - 3) : name;
            List<Base> values = property.getValues();
            for (int i = 0; i < values.size(); i++) {
                Base value = values.get(i);
                if (value != null && !(value instanceof Resource)) {
                    walk(value, path.child(step, property.isList() ? i : -1), out, depth + 1);
                }
            }
        }
    }

    private void extensions(List<Extension> extensions, String name, Path path,
            ProfileCompiler.@Nullable ExtensionDefinition parent, List<Finding> out, int depth) {
        for (int i = 0; i < extensions.size(); i++) {
            Extension extension = extensions.get(i);
            if (extension == null || extension.isEmpty()) {
                continue;
            }
            Path at = path.child(name, i);
            String url = extension.getUrl();
            ProfileCompiler.ExtensionDefinition definition = null;
            if (url != null && parent != null && parent.nested().containsKey(url)) {
                definition = parent.nested().get(url);
            } else if (url != null && definitions.containsKey(url)) {
                definition = definitions.get(url);
            } else if (url != null && url.contains(":") && !url.startsWith(CORE)) {
                out.add(Finding.warning(at.toString(), UNKNOWN_EXTENSION, url));
            }
            // A relative url inside a complex extension names one of its parts; a part the definition does not
            // list is the definition's business, already covered by the profile's slicing if it is closed.
            if (definition != null && definition.valueTypes() != null && extension.hasValue()) {
                String type = extension.getValue().fhirType();
                Set<String> allowed = definition.valueTypes();
                if (!allowed.contains(type)) {
                    out.add(Finding.error(at.toString(), EXTENSION_TYPE, url, type,
                            allowed.isEmpty() ? "-" : String.join(", ", new TreeSet<>(allowed))));
                }
            }
            if (depth < MAX_DEPTH) {
                extensions(extension.getExtension(), "extension", at, definition, out, depth + 1);
                if (extension.hasValue()) {
                    walk(extension.getValue(), at.child("value"), out, depth + 1);
                }
            }
        }
    }
}
