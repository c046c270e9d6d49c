using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Regatta.Protocol;

internal sealed partial class MesosJsonParser
{
    /// <summary>Reads one scalar; null means "drop it" (an unknown name of a non-required enum, as stout does).</summary>
    private object? ReadScalar(ref Utf8JsonReader reader, FieldEntry field)
    {
        var token = reader.TokenType;
        switch (field.Type)
        {
            case FieldType.String:
                return token == JsonTokenType.String ? GetString(ref reader) : throw TypeError("a string", token);
            case FieldType.Bytes:
                return token == JsonTokenType.String
                    ? DecodeBase64(GetString(ref reader))
                    : throw TypeError("a base64 string", token);
            case FieldType.Bool:
                return ReadBool(ref reader);
            case FieldType.Double:
                return ReadDouble(ref reader, "a double");
            case FieldType.Float:
                var value = ReadDouble(ref reader, "a float");
                var single = (float)value;
                return float.IsInfinity(single) && double.IsFinite(value)
                    ? throw ValueError($"value {value.ToString(CultureInfo.InvariantCulture)} is out of range for float")
                    : single;
            case FieldType.Int32:
            case FieldType.SInt32:
            case FieldType.SFixed32:
                return (int)ReadInteger(ref reader, int.MinValue, int.MaxValue, "int32");
            case FieldType.UInt32:
            case FieldType.Fixed32:
                return (uint)ReadInteger(ref reader, uint.MinValue, uint.MaxValue, "uint32");
            case FieldType.Int64:
            case FieldType.SInt64:
            case FieldType.SFixed64:
                return (long)ReadInteger(ref reader, long.MinValue, long.MaxValue, "int64");
            case FieldType.UInt64:
            case FieldType.Fixed64:
                return (ulong)ReadInteger(ref reader, ulong.MinValue, ulong.MaxValue, "uint64");
            case FieldType.Enum:
                return ReadEnum(ref reader, field);
            default:
                throw ValueError($"has unsupported type {field.Type}");
        }
    }

    private bool ReadBool(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String when reader.ValueTextEquals("true"u8):
                return true;
            case JsonTokenType.String when reader.ValueTextEquals("false"u8):
                return false;
            default:
                throw TypeError("a boolean", reader.TokenType);
        }
    }

    private double ReadDouble(ref Utf8JsonReader reader, string expected)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.TryGetDouble(out var number)
                ? number
                : throw ValueError($"value {GetRawText(ref reader)} is out of range for {expected}");
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw TypeError($"{expected} (a number or numeric string)", reader.TokenType);
        }

        var text = GetString(ref reader);
        return text switch
        {
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw ValueError($"expects {expected}, got the string '{Truncate(text)}'"),
        };
    }

    // Int128 holds every int64 and uint64, so one range check serves all integer field types.
    private Int128 ReadInteger(ref Utf8JsonReader reader, Int128 min, Int128 max, string typeName)
    {
        Int128 value;
        string text;
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out var signed))
            {
                value = signed;
                return value >= min && value <= max ? value : throw OutOfRange(value.ToString(), typeName);
            }

            text = GetRawText(ref reader);
        }
        else if (reader.TokenType == JsonTokenType.String)
        {
            text = GetString(ref reader);
        }
        else
        {
            throw TypeError($"{typeName} (a number or numeric string)", reader.TokenType);
        }

        if (Int128.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return value >= min && value <= max ? value : throw OutOfRange(text, typeName);
        }

        // Stout's JSON numbers also take forms such as 5050.0 or 1e3; accept them when they are whole numbers.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            if (Math.Floor(real) != real)
            {
                throw ValueError($"expects {typeName}, got the non-integer {Truncate(text)}");
            }

            if (Math.Abs(real) < 1e38)
            {
                value = (Int128)real;
                return value >= min && value <= max ? value : throw OutOfRange(text, typeName);
            }

            throw OutOfRange(text, typeName);
        }

        throw ValueError($"expects {typeName}, got '{Truncate(text)}'");
    }

    private object? ReadEnum(ref Utf8JsonReader reader, FieldEntry field)
    {
        var table = field.Enum!;
        if (reader.TokenType == JsonTokenType.String)
        {
            var name = GetString(ref reader);
            if (table.TryGetByName(name, out var boxed))
            {
                return boxed;
            }

            return field.IsRequired
                ? throw ValueError($"has unknown value '{Truncate(name)}' for enum {table.Descriptor.FullName}")
                : null;
        }

        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt32(out var number) && table.TryGetByNumber(number, out var boxed))
            {
                return boxed;
            }

            return field.IsRequired
                ? throw ValueError($"has unknown value {GetRawText(ref reader)} for enum {table.Descriptor.FullName}")
                : null;
        }

        throw TypeError($"an enum name of {table.Descriptor.FullName}", reader.TokenType);
    }

    private ByteString DecodeBase64(string text)
    {
        // Standard alphabet with padding is what Mesos writes; accept URL-safe and unpadded input too.
        var buffer = new byte[((text.Length + 3) / 4 * 3) + 3];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            return UnsafeByteOperations.UnsafeWrap(buffer.AsMemory(0, written));
        }

        var normalized = text.Trim().Replace('-', '+').Replace('_', '/');
        var remainder = normalized.Length % 4;
        if (remainder is 2 or 3)
        {
            normalized += new string('=', 4 - remainder);
        }

        if (Convert.TryFromBase64String(normalized, buffer, out written))
        {
            return UnsafeByteOperations.UnsafeWrap(buffer.AsMemory(0, written));
        }

        throw ValueError("is not valid base64");
    }

    private object MapKey(string text, FieldEntry keyField)
    {
        switch (keyField.Type)
        {
            case FieldType.String:
                return text;
            case FieldType.Bool when text is "true" or "false":
                return text == "true";
            case FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32
                when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i32):
                return i32;
            case FieldType.UInt32 or FieldType.Fixed32
                when uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u32):
                return u32;
            case FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64
                when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i64):
                return i64;
            case FieldType.UInt64 or FieldType.Fixed64
                when ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u64):
                return u64;
            default:
                throw ValueError($"has map key '{Truncate(text)}' that is not a valid {keyField.Type}");
        }
    }

    private MesosJsonException OutOfRange(string text, string typeName) =>
        ValueError($"value {Truncate(text)} is out of range for {typeName}");

    private string GetString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException e)
        {
            throw new MesosJsonException($"Malformed JSON: invalid UTF-8 in a string at '{path}'", e);
        }
    }

    private int CopyString(ref Utf8JsonReader reader, scoped Span<char> destination)
    {
        try
        {
            return reader.CopyString(destination);
        }
        catch (InvalidOperationException e)
        {
            throw new MesosJsonException($"Malformed JSON: invalid UTF-8 in a key at '{path}'", e);
        }
    }

    private static string GetRawText(ref Utf8JsonReader reader) =>
        System.Text.Encoding.UTF8.GetString(reader.ValueSpan);

    private static string Truncate(string text) => text.Length <= 64 ? text : string.Concat(text.AsSpan(0, 64), "…");
}
