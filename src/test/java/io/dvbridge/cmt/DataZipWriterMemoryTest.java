package io.dvbridge.cmt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DataZipWriterMemoryTest {

    private static final int RECORDS = 200_000;

    /** Counts bytes and keeps none of them. */
    private static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void writing_two_hundred_thousand_records_keeps_the_heap_flat() throws IOException {
        CmtEntity entity = new CmtEntity("dvb_item", "Item", Optional.empty(), "dvb_itemid", Optional.of("dvb_name"), false, false,
                List.of(CmtField.of("dvb_itemid", CmtFieldType.GUID), CmtField.of("dvb_name", CmtFieldType.STRING),
                        CmtField.of("dvb_notes", CmtFieldType.STRING), CmtField.of("dvb_amount", CmtFieldType.MONEY)),
                Optional.empty(), List.of());
        CmtSchema schema = new CmtSchema(List.of(entity), List.of(), Optional.empty());
        CountingSink sink = new CountingSink();
        String padding = "x".repeat(400);

        DataZipWriter zip = DataZipWriter.create(sink, schema, Instant.EPOCH);
        zip.beginEntity(entity);
        long before = usedHeapAfterGc();
        for (int i = 0; i < RECORDS; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dvb_itemid", new UUID(0, i).toString());
            row.put("dvb_name", "item " + i);
            row.put("dvb_notes", padding + i);
            row.put("dvb_amount", i * 1.25);
            zip.writeRecord(row);
        }
        long after = usedHeapAfterGc();
        zip.endEntity();
        zip.close();

        // Keeping each record (>400 distinct chars) would retain well over 100 MB; a streaming
        // writer holds only its buffers. The bound is loose on purpose: this is not a benchmark.
        assertThat(after - before).isLessThan(32L * 1024 * 1024);
        assertThat(zip.recordCount()).isEqualTo(RECORDS);
        assertThat(sink.bytes).isPositive();
    }
}
