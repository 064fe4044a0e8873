using System.Buffers.Binary;
using System.Text;

namespace Bench.Contracts.Torch;

/// <summary>
/// Reads and edits the symbol-version tables of a 64-bit little-endian ELF shared library:
/// the versions it needs from others (<c>.gnu.version_r</c>) and the ones it defines
/// (<c>.gnu.version_d</c>). Only what the TorchSharp load fix needs; see <see cref="NativeLoadFix"/>.
/// </summary>
public static class ElfVersionNeeds
{
    const uint ShtGnuVerdef = 0x6ffffffd;
    const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary>VER_FLG_WEAK: a missing weak version is not a load error.</summary>
    public const ushort WeakFlag = 0x2;

    /// <summary>One version a library needs from another, and whether the need is weak.</summary>
    public sealed record Need(string Library, string Version, bool Weak, int FlagsOffset);

    /// <summary>Every version requirement in <paramref name="elf"/>.</summary>
    public static IReadOnlyList<Need> ReadNeeds(byte[] elf)
    {
        var needs = new List<Need>();
        foreach (var (offset, count, strtab) in Sections(elf, ShtGnuVerneed))
        {
            var entry = offset;
            for (var i = 0; i < count; i++)
            {
                var auxCount = U16(elf, entry + 2);
                var library = CString(elf, strtab + U32(elf, entry + 4));
                var aux = entry + (int)U32(elf, entry + 8);
                for (var j = 0; j < auxCount; j++)
                {
                    var flags = U16(elf, aux + 4);
                    var version = CString(elf, strtab + U32(elf, aux + 8));
                    needs.Add(new Need(library, version, (flags & WeakFlag) != 0, aux + 4));
                    aux += (int)U32(elf, aux + 12);
                }
                entry += (int)U32(elf, entry + 12);
            }
        }
        return needs;
    }

    /// <summary>Every version name <paramref name="elf"/> defines (e.g. GLIBCXX_3.4.30 in libstdc++).</summary>
    public static IReadOnlySet<string> ReadDefinitions(byte[] elf)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (offset, count, strtab) in Sections(elf, ShtGnuVerdef))
        {
            var entry = offset;
            for (var i = 0; i < count; i++)
            {
                var aux = entry + (int)U32(elf, entry + 12);
                names.Add(CString(elf, strtab + U32(elf, aux)));
                entry += (int)U32(elf, entry + 16);
            }
        }
        return names;
    }

    /// <summary>Sets the weak flag on <paramref name="need"/> in place.</summary>
    public static void MarkWeak(byte[] elf, Need need) =>
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(need.FlagsOffset), (ushort)(U16(elf, need.FlagsOffset) | WeakFlag));

    static IEnumerable<(int Offset, int Count, long StringTable)> Sections(byte[] elf, uint type)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");

        var sectionTable = (long)U64(elf, 0x28);
        var entrySize = U16(elf, 0x3A);
        var sectionCount = U16(elf, 0x3C);
        for (var i = 0; i < sectionCount; i++)
        {
            var header = (int)(sectionTable + (long)i * entrySize);
            if (U32(elf, header + 4) != type) continue;
            var link = U32(elf, header + 40);
            var linked = (int)(sectionTable + (long)link * entrySize);
            // sh_info holds the number of entries for both verneed and verdef sections.
            yield return ((int)U64(elf, header + 24), (int)U32(elf, header + 44), (long)U64(elf, linked + 24));
        }
    }

    static ushort U16(byte[] b, long at) => BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan((int)at));
    static uint U32(byte[] b, long at) => BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan((int)at));
    static ulong U64(byte[] b, long at) => BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan((int)at));

    static string CString(byte[] b, long at)
    {
        var end = Array.IndexOf(b, (byte)0, (int)at);
        return Encoding.ASCII.GetString(b, (int)at, end - (int)at);
    }
}
