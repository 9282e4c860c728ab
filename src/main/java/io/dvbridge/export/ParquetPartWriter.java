package io.dvbridge.export;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one Parquet part: a typed column per layout column plus {@code isdelete}, snappy pages (plain Java, see
 * {@link PureJavaCodecs}), row groups of at most {@link #ROW_GROUP_BYTES} so memory stays bounded however large a
 * page is. Loaded only when the folder format is parquet. Writing uses no Hadoop class at run time (a local file, a
 * plain configuration, our codecs); Hadoop's Configuration is only named by the deprecated overrides below.
 */
final class ParquetPartWriter implements PartOutput {

    static final int ROW_GROUP_BYTES = 8 * 1024 * 1024;
    static final int PAGE_BYTES = 256 * 1024;
    /** Decimal and Money as the SQL sinks keep them: numeric(38,10). */
    static final int DECIMAL_PRECISION = 38;
    static final int DECIMAL_SCALE = 10;
    private static final OffsetDateTime EPOCH = OffsetDateTime.parse("1970-01-01T00:00Z");

    private final List<SinkColumn> columns;
    private final ParquetWriter<Object[]> writer;

    ParquetPartWriter(Path file, List<SinkColumn> columns) throws IOException {
        this.columns = columns;
        MessageType schema = schema(columns);
        this.writer = new Builder(new LocalOutputFile(file), schema)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new PureJavaCodecs())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize((long) ROW_GROUP_BYTES)
                .withPageSize(PAGE_BYTES)
                .build();
    }

    /** The file's schema: the layout's columns, all optional but the id, and a required {@code isdelete}. */
    static MessageType schema(List<SinkColumn> columns) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (SinkColumn column : columns) {
            message.addField(field(column));
        }
        message.addField(Types.required(PrimitiveTypeName.BOOLEAN).named(PartWriter.IS_DELETE));
        return message.named("row");
    }

    private static Type field(SinkColumn column) {
        // a delete line carries only the id, so every other column must allow nulls
        var repetition = column.name().equals(TableLayout.ID) ? Type.Repetition.REQUIRED : Type.Repetition.OPTIONAL;
        return switch (column.kind()) {
            case GUID, LOOKUP, ENTITY_TYPE, PARTITION, TEXT, MEMO ->
                    Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(column.name());
            case INTEGER, CHOICE -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(32, true)).named(column.name());
            case BIGINT -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.intType(64, true)).named(column.name());
            case DECIMAL -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(16)
                    .as(LogicalTypeAnnotation.decimalType(DECIMAL_SCALE, DECIMAL_PRECISION)).named(column.name());
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
            case DATETIME, SINK_TIME -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(column.name());
            case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(column.name());
        };
    }

    @Override
    public void row(Object[] values, boolean delete) throws IOException {
        Object[] line = new Object[columns.size() + 1];
        for (int i = 0; i < columns.size(); i++) {
            line[i] = physical(values[i], columns.get(i), values[0]);
        }
        line[columns.size()] = delete;
        writer.write(line);
    }

    /** The value as Parquet stores it; converted before anything is written, so a refused value leaves no half row. */
    private static Object physical(Object value, SinkColumn column, Object id) {
        if (value == null) {
            return null;
        }
        return switch (column.kind()) {
            case GUID, LOOKUP, ENTITY_TYPE, PARTITION, TEXT, MEMO -> Binary.fromString(value.toString());
            case INTEGER, CHOICE -> ((Number) value).intValue();
            case BIGINT -> ((Number) value).longValue();
            case DECIMAL -> Binary.fromConstantByteArray(decimalBytes((BigDecimal) value, column, id));
            case DOUBLE -> ((Number) value).doubleValue();
            case BOOLEAN -> value;
            case DATETIME, SINK_TIME -> ChronoUnit.MICROS.between(EPOCH, (OffsetDateTime) value);
            case DATE -> Math.toIntExact(((LocalDate) value).toEpochDay());
        };
    }

    /** The unscaled value at scale 10, big-endian two's complement in 16 bytes. */
    private static byte[] decimalBytes(BigDecimal value, SinkColumn column, Object id) {
        BigDecimal scaled;
        try {
            scaled = value.setScale(DECIMAL_SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new RecordRejectedException(String.valueOf(id), column.name(), "'" + value.toPlainString()
                    + "' has more than " + DECIMAL_SCALE + " decimal places");
        }
        if (scaled.precision() > DECIMAL_PRECISION) {
            throw new RecordRejectedException(String.valueOf(id), column.name(), "'" + value.toPlainString()
                    + "' has more than " + (DECIMAL_PRECISION - DECIMAL_SCALE) + " digits before the point");
        }
        byte[] unscaled = scaled.unscaledValue().toByteArray();
        byte[] fixed = new byte[16];
        byte sign = (byte) (scaled.signum() < 0 ? -1 : 0);
        int pad = fixed.length - unscaled.length;
        for (int i = 0; i < fixed.length; i++) {
            fixed[i] = i < pad ? sign : unscaled[i - pad];
        }
        return fixed;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {

        private final MessageType schema;

        Builder(OutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(schema);
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }

    /** Hands one line (values in schema order, already in their Parquet form) to the record consumer. */
    private static final class RowWriteSupport extends WriteSupport<Object[]> {

        private final MessageType schema;
        private final List<Type> fields;
        private RecordConsumer consumer;

        RowWriteSupport(MessageType schema) {
            this.schema = schema;
            this.fields = schema.getFields();
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            Map<String, String> metadata = new HashMap<>();
            metadata.put("writer", "dvbridge");
            return new WriteContext(schema, metadata);
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return init((ParquetConfiguration) null);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Object[] line) {
            consumer.startMessage();
            for (int i = 0; i < line.length; i++) {
                Object value = line[i];
                if (value == null) {
                    continue;
                }
                Type field = fields.get(i);
                consumer.startField(field.getName(), i);
                switch (field.asPrimitiveType().getPrimitiveTypeName()) {
                    case BINARY, FIXED_LEN_BYTE_ARRAY -> consumer.addBinary((Binary) value);
                    case INT32 -> consumer.addInteger((Integer) value);
                    case INT64 -> consumer.addLong((Long) value);
                    case DOUBLE -> consumer.addDouble((Double) value);
                    case BOOLEAN -> consumer.addBoolean((Boolean) value);
                    default -> throw new IllegalStateException("no writer for " + field);
                }
                consumer.endField(field.getName(), i);
            }
            consumer.endMessage();
        }
    }
}
