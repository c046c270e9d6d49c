using System.Text;
using System.Text.Json;

namespace Regatta.Services.Model;

/// <summary>
/// A refused app body, ready to send: <see cref="StatusCode"/> and <see cref="ToJson"/> give exactly what Marathon
/// answers (<c>{"message":"Invalid JSON","details":"..."}</c> for unparseable input,
/// <c>{"message":...,"details":[{"path":...,"errors":[...]}]}</c> otherwise).
/// </summary>
internal sealed record AppInputError(AppInputErrorKind Kind, string? Details, ValueArray<ValidationError> Errors)
{
    public int StatusCode => Kind == AppInputErrorKind.MalformedJson ? 400 : 422;

    public string Message => Kind == AppInputErrorKind.NotValid ? "Object is not valid" : "Invalid JSON";

    public static AppInputError Malformed(string details) => new(AppInputErrorKind.MalformedJson, details, []);

    public static AppInputError InvalidJson(ValueArray<ValidationError> errors) => new(AppInputErrorKind.InvalidJson, null, errors);

    public static AppInputError NotValid(ValueArray<ValidationError> errors) => new(AppInputErrorKind.NotValid, null, errors);

    /// <summary>One rule broken at one path, e.g. <c>NotValid("/", "must not be root")</c>.</summary>
    public static AppInputError NotValid(string path, string error) => NotValid([new ValidationError(path, [error])]);

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, AppJsonWriter.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("message", Message);
            if (Kind == AppInputErrorKind.MalformedJson)
            {
                writer.WriteString("details", Details ?? "");
            }
            else
            {
                writer.WriteStartArray("details");
                foreach (var error in Errors)
                {
                    writer.WriteStartObject();
                    writer.WriteString("path", error.Path);
                    writer.WriteStartArray("errors");
                    foreach (var message in error.Errors)
                    {
                        writer.WriteStringValue(message);
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
