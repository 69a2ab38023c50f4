using System.Buffers.Binary;
using System.Text;

namespace Shipgate.Git;

/// <summary>
/// Reads SSH's wire encoding (RFC 4251: uint32, string, mpint) from a byte array. Every read says whether it
/// succeeded, so a short or malformed blob is simply not understood, never an exception.
/// </summary>
internal sealed class SshWire(byte[] data)
{
    private int _position;

    public bool AtEnd => _position == data.Length;

    public bool TryBytes(int count, out byte[] value)
    {
        value = [];
        if (count < 0 || count > data.Length - _position) return false;
        value = data[_position..(_position + count)];
        _position += count;
        return true;
    }

    public bool TryString(out byte[] value)
    {
        value = [];
        if (data.Length - _position < 4) return false;
        var length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(_position));
        if (length > (uint)(data.Length - _position - 4)) return false;
        _position += 4;
        return TryBytes((int)length, out value);
    }

    public bool TryText(out string value)
    {
        value = "";
        if (!TryString(out var bytes) || bytes.Any(b => b is 0 or >= 0x80)) return false;
        value = Encoding.ASCII.GetString(bytes);
        return true;
    }

    /// <summary>A non-negative mpint in its minimal encoding (as OpenSSH insists), as unsigned big-endian bytes without leading zeros.</summary>
    public bool TryUnsigned(out byte[] value)
    {
        if (!TryString(out value)) return false;
        if (value.Length == 0) return true;
        if ((value[0] & 0x80) != 0) return false;
        if (value[0] == 0)
        {
            if (value.Length == 1 || (value[1] & 0x80) == 0) return false;
            value = value[1..];
        }
        return true;
    }

    public static void WriteString(Stream to, ReadOnlySpan<byte> value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
        to.Write(length);
        to.Write(value);
    }
}
