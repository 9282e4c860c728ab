package io.dvbridge.export;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads back what reconciliation needs from a Parquet part: the id, versionnumber and isdelete columns only,
 * a row group at a time. parquet-hadoop's read options build its Hadoop codec factory and record filter whatever
 * is asked, so this is the one place that loads classes from hadoop-common and hadoop-mapreduce-client-core (and
 * only those: the pages are decompressed by {@link PureJavaCodecs}, the file is read with java.nio).
 */
final class ParquetPartReader {

    /** Receives one line's key columns; version is null on a delete line. */
    interface KeyLine {
        void accept(String id, String version, boolean delete);
    }

    private ParquetPartReader() {
    }

    static void keys(Path part, KeyLine lines) throws IOException {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                .withCodecFactory(new PureJavaCodecs()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(part), options)) {
            MessageType file = reader.getFileMetaData().getSchema();
            MessageType keys = new MessageType(file.getName(), file.getType(TableLayout.ID), file.getType(TableLayout.VERSION),
                    file.getType(PartWriter.IS_DELETE));
            reader.setRequestedSchema(keys);
            for (PageReadStore rows = reader.readNextRowGroup(); rows != null; rows = reader.readNextRowGroup()) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(keys, file)
                        .getRecordReader(rows, new GroupRecordConverter(keys));
                for (long i = 0; i < rows.getRowCount(); i++) {
                    Group line = records.read();
                    boolean delete = line.getBoolean(PartWriter.IS_DELETE, 0);
                    String version = line.getFieldRepetitionCount(TableLayout.VERSION) == 0 ? null
                            : String.valueOf(line.getLong(TableLayout.VERSION, 0));
                    lines.accept(line.getString(TableLayout.ID, 0), version, delete);
                }
            }
        }
    }
}
