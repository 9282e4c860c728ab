package io.dvbridge.sandbox.dataverse.query;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client XML never reaches the file system, the network or an entity-expansion bomb. */
class FetchXmlSecurityTest {

    @Test
    void external_entity_is_refused_before_anything_is_read(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "do-not-leak");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE fetch [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<fetch><entity name=\"account\"><filter><condition attribute=\"name\" operator=\"eq\" "
                + "value=\"&x;\"/></filter></entity></fetch>";
        assertThatThrownBy(() -> FetchXmlQuery.parse(xml))
                .isInstanceOf(FetchXmlParseException.class)
                .hasMessageStartingWith("For security reasons DTD is prohibited in this XML document.")
                .hasMessageNotContaining("do-not-leak");
    }

    @Test
    void billion_laughs_is_refused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        String xml = dtd + "<fetch><entity name=\"account\"><attribute name=\"&lol9;\"/></entity></fetch>";
        assertThatThrownBy(() -> FetchXmlQuery.parse(xml))
                .isInstanceOf(FetchXmlParseException.class)
                .hasMessageStartingWith("For security reasons DTD is prohibited in this XML document.");
    }

    @Test
    void xinclude_is_not_processed() {
        String xml = "<fetch xmlns:xi=\"http://www.w3.org/2001/XInclude\"><entity name=\"account\">"
                + "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></entity></fetch>";
        // Not expanded: the include stays an unknown element, which the query refuses.
        assertThatThrownBy(() -> FetchXmlQuery.parse(xml))
                .isInstanceOf(ODataQueryException.class)
                .hasMessage("The element 'xi:include' is not valid inside entity.");
    }

    @Test
    void doctype_in_a_paging_cookie_is_refused_too() {
        assertThatThrownBy(() -> PagingCookie.decode("<!DOCTYPE cookie [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<cookie page=\"1\"><accountid last=\"&e;\" first=\"&e;\"/></cookie>"))
                .isInstanceOf(FetchXmlParseException.class);
    }
}
