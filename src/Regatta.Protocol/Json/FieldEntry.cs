using System.Text.Json;
using Google.Protobuf.Reflection;

namespace Regatta.Protocol;

/// <summary>Cached facts about one field, shared by the JSON writer, parser and required-field check.</summary>
internal sealed class FieldEntry
{
    private MessageTable? message;

    public FieldEntry(FieldDescriptor descriptor)
    {
        Descriptor = descriptor;
        Name = descriptor.Name;
        JsonName = JsonEncodedText.Encode(descriptor.Name);
        Type = descriptor.FieldType;
        IsRepeated = descriptor.IsRepeated;
        IsMap = descriptor.IsMap;
        IsRequired = descriptor.IsRequired;

        // Mesos writes unset singular fields that carry an explicit proto default (shell=true, checkpoint=false,
        // refuse_seconds=5.0) unless the field is deprecated (FrameworkInfo.role, Resource.role).
        var deprecated = descriptor.GetOptions()?.Deprecated ?? false;
        EmitWhenUnset = !IsRepeated && !deprecated && descriptor.ToProto().HasDefaultValue;

        if (Type == FieldType.Enum)
        {
            Enum = EnumTable.For(descriptor.EnumType);
        }

        if (IsMap)
        {
            MapKey = new FieldEntry(descriptor.MessageType.FindFieldByNumber(1));
            MapValue = new FieldEntry(descriptor.MessageType.FindFieldByNumber(2));
        }
    }

    public FieldDescriptor Descriptor { get; }

    public string Name { get; }

    public JsonEncodedText JsonName { get; }

    public FieldType Type { get; }

    public bool IsRepeated { get; }

    public bool IsMap { get; }

    public bool IsRequired { get; }

    public bool EmitWhenUnset { get; }

    public EnumTable? Enum { get; }

    public FieldEntry? MapKey { get; }

    public FieldEntry? MapValue { get; }

    public bool IsMessage => Type is FieldType.Message or FieldType.Group;

    // Map entry fields have no accessor; they are only read for their type facts.
    public IFieldAccessor Accessor => Descriptor.Accessor;

    // Resolved lazily: building eagerly would recurse forever on cyclic messages (ContainerID.parent).
    public MessageTable Message => message ??= MessageTable.For(Descriptor.MessageType);
}
