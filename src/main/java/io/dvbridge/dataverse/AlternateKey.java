package io.dvbridge.dataverse;

import java.util.List;

/**
 * One alternate key of a table (EntityDefinitions/Keys, EntityKeyMetadata): its logical name and the
 * columns whose values together identify a row, e.g. {@code accountnumber}.
 */
public record AlternateKey(String logicalName, List<String> keyAttributes) {

    public AlternateKey {
        keyAttributes = List.copyOf(keyAttributes);
    }
}
