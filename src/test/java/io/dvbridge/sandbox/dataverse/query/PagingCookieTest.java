package io.dvbridge.sandbox.dataverse.query;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PagingCookieTest {

    private static final UUID FIRST = UUID.fromString("7d51925c-cde2-e411-80db-00155d2a68cb");
    private static final UUID LAST = UUID.fromString("8151925c-cde2-e411-80db-00155d2a68cb");

    @Test
    void annotation_has_the_documented_shape_with_the_inner_cookie_encoded_twice() {
        assertThat(PagingCookie.encode(1, "accountid", FIRST, LAST)).isEqualTo("<cookie pagenumber=\"2\" "
                + "pagingcookie=\"%253ccookie%2520page%253d%25221%2522%253e%253caccountid%2520last%253d%2522"
                + "%257b8151925C-CDE2-E411-80DB-00155D2A68CB%257d%2522%2520first%253d%2522"
                + "%257b7D51925C-CDE2-E411-80DB-00155D2A68CB%257d%2522%2520%252f%253e%253c%252fcookie%253e\" "
                + "istracking=\"False\" />");
    }

    @Test
    void underscores_in_the_primary_id_name_stay_readable() {
        assertThat(PagingCookie.encode(3, "msdyn_dataanalyticsreportid", FIRST, LAST))
                .startsWith("<cookie pagenumber=\"4\" pagingcookie=\"%253ccookie%2520page%253d%25223%2522%253e"
                        + "%253cmsdyn_dataanalyticsreportid%2520");
    }

    @Test
    void cookie_survives_the_trip_a_client_makes_with_it() {
        String annotation = PagingCookie.encode(1, "accountid", FIRST, LAST);
        // The client: take pagingcookie, URL-decode twice, XML-escape into the next fetch.
        String encoded = annotation.substring(annotation.indexOf("pagingcookie=\"") + 14,
                annotation.indexOf("\" istracking"));
        String inner = PagingCookie.urlDecode(PagingCookie.urlDecode(encoded));
        assertThat(inner).isEqualTo("<cookie page=\"1\"><accountid last=\"{8151925C-CDE2-E411-80DB-00155D2A68CB}\" "
                + "first=\"{7D51925C-CDE2-E411-80DB-00155D2A68CB}\" /></cookie>");
        String escaped = inner.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        FetchXmlQuery next = FetchXmlQuery.parse("<fetch count=\"2\" page=\"2\" paging-cookie=\"" + escaped + "\">"
                + "<entity name=\"account\"><attribute name=\"name\"/></entity></fetch>");

        PagingCookie cookie = PagingCookie.decode(next.pagingCookie().orElseThrow());

        assertThat(cookie).isEqualTo(new PagingCookie(1, "accountid", FIRST, LAST));
        assertThat(cookie.lastId()).isEqualTo(LAST);
    }

    @Test
    void annotation_decodes_back_to_the_cookie() {
        String annotation = PagingCookie.encode(7, "contactid", FIRST, LAST);
        assertThat(PagingCookie.decodeAnnotation(annotation)).isEqualTo(new PagingCookie(7, "contactid", FIRST, LAST));
    }

    @Test
    void cookie_without_ids_or_that_is_not_xml_is_refused() {
        assertThatThrownBy(() -> PagingCookie.decode("<cookie page=\"1\"></cookie>"))
                .isInstanceOf(ODataQueryException.class).hasMessage("The paging cookie is not valid.");
        assertThatThrownBy(() -> PagingCookie.decode("%3ccookie"))
                .isInstanceOf(FetchXmlParseException.class);
    }
}
