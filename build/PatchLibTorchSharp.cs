using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Makes TorchSharp 0.107.0's libLibTorchSharp.so load on a libstdc++ older than GCC 13 (Debian 12).
/// The library needs GLIBCXX_3.4.32 only through _ZSt21ios_base_library_initv, a symbol it references
/// to pin a newer libstdc++ and never calls. Marking that version requirement weak (VER_FLG_WEAK in
/// .gnu.version_r) and the symbol weak (STB_WEAK in .dynsym) lets the loader accept the older one.
/// Two bytes change; a file already patched, or one that never needed GLIBCXX_3.4.32, is left alone.
/// </summary>
public sealed class PatchLibTorchSharp : Task
{
    const string NeededVersion = "GLIBCXX_3.4.32";
    const string PinningSymbol = "_ZSt21ios_base_library_initv";
    const uint ShtDynsym = 11, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
    const ushort VerFlgWeak = 0x2;
    const byte StbWeak = 2;

    /// <summary>The copies of libLibTorchSharp.so to patch in place (build or publish outputs, never the NuGet cache).</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        foreach (var path in Files.Select(f => f.GetMetadata("FullPath")).Distinct())
        {
            try
            {
                var bytes = File.ReadAllBytes(path);
                if (!Patch(bytes)) continue;
                var stamp = File.GetLastWriteTimeUtc(path);
                // Write a new file and move it over the old one: never half-written, and a hard link
                // to another copy (such as the NuGet cache) is replaced rather than written through.
                var temp = path + ".patching";
                File.WriteAllBytes(temp, bytes);
                File.Replace(temp, path, destinationBackupFileName: null);
                // Keep the copy's time stamp so the next incremental build sees it as up to date.
                File.SetLastWriteTimeUtc(path, stamp);
                Log.LogMessage(MessageImportance.High, $"Patched {path}: {NeededVersion} reference made weak so it loads with this libstdc++.");
            }
            catch (InvalidDataException e)
            {
                Log.LogError($"Cannot patch {path}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>Patches the image in memory; returns false when there was nothing to change.</summary>
    static bool Patch(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException($"expected an ELF file, found {elf.Length} bytes starting {BitConverter.ToString(elf, 0, Math.Min(4, elf.Length))}.");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException($"expected a 64-bit little-endian ELF (class 2, data 1), found class {elf[4]}, data {elf[5]}.");

        var sections = ReadSections(elf);
        var dynsym = Single(sections, ShtDynsym, ".dynsym");
        var versym = Single(sections, ShtGnuVersym, ".gnu.version");
        var verneed = Single(sections, ShtGnuVerneed, ".gnu.version_r");
        var dynstr = sections[(int)dynsym.Link];

        // .gnu.version_r: Verneed records, each with a chain of Vernaux records naming one version.
        long flagsOffset = -1;
        ushort versionIndex = 0;
        long need = verneed.Offset;
        for (uint i = 0; i < verneed.Info; i++)
        {
            long aux = need + U32(elf, need + 8);
            for (int j = 0; j < U16(elf, need + 2); j++)
            {
                if (Str(elf, dynstr, U32(elf, aux + 8)) == NeededVersion)
                {
                    flagsOffset = aux + 4;
                    versionIndex = U16(elf, aux + 6);
                }
                aux += U32(elf, aux + 12);
            }
            need += U32(elf, need + 12);
        }

        // .dynsym and .gnu.version run in parallel: symbol i has version index versym[i].
        var users = new List<(string Name, long InfoOffset)>();
        long count = dynsym.Size / 24;
        for (long i = 0; i < count; i++)
        {
            long sym = dynsym.Offset + i * 24;
            if (flagsOffset >= 0 && (U16(elf, versym.Offset + i * 2) & 0x7fff) == versionIndex)
                users.Add((Str(elf, dynstr, U32(elf, sym)), sym + 4));
        }

        if (flagsOffset < 0) return false; // this build of the library never asked for GLIBCXX_3.4.32
        if (users.Count != 1 || users[0].Name != PinningSymbol)
            throw new InvalidDataException($"expected {NeededVersion} to be required only by {PinningSymbol}, found it required by [{string.Join(", ", users.Select(u => u.Name))}].");

        long infoOffset = users[0].InfoOffset;
        var flags = U16(elf, flagsOffset);
        var info = elf[infoOffset];
        var patchedFlags = (ushort)(flags | VerFlgWeak);
        var patchedInfo = (byte)((StbWeak << 4) | (info & 0xf));
        if (flags == patchedFlags && info == patchedInfo) return false;

        elf[flagsOffset] = (byte)patchedFlags;
        elf[flagsOffset + 1] = (byte)(patchedFlags >> 8);
        elf[infoOffset] = patchedInfo;
        return true;
    }

    record struct Section(uint Type, long Offset, long Size, uint Link, uint Info);

    static Section[] ReadSections(byte[] elf)
    {
        long shoff = (long)U64(elf, 0x28);
        int shentsize = U16(elf, 0x3a), shnum = U16(elf, 0x3c);
        if (shentsize != 64 || shoff <= 0 || shoff + (long)shnum * 64 > elf.Length)
            throw new InvalidDataException($"expected a section header table of 64-byte entries inside the file, found offset {shoff}, entry size {shentsize}, count {shnum}.");
        var sections = new Section[shnum];
        for (int i = 0; i < shnum; i++)
        {
            long h = shoff + i * 64L;
            sections[i] = new Section(U32(elf, h + 4), (long)U64(elf, h + 24), (long)U64(elf, h + 32), U32(elf, h + 40), U32(elf, h + 44));
            if (sections[i].Type != 8 /* SHT_NOBITS */ && sections[i].Offset + sections[i].Size > elf.Length)
                throw new InvalidDataException($"section {i} (type 0x{sections[i].Type:x}) runs past the end of the file.");
        }
        return sections;
    }

    static Section Single(Section[] sections, uint type, string name)
    {
        var found = sections.Where(s => s.Type == type).ToArray();
        if (found.Length != 1)
            throw new InvalidDataException($"expected one {name} section (type 0x{type:x}), found {found.Length}.");
        return found[0];
    }

    static ushort U16(byte[] b, long o) => (ushort)(b[o] | b[o + 1] << 8);
    static uint U32(byte[] b, long o) => (uint)(U16(b, o) | U16(b, o + 2) << 16);
    static ulong U64(byte[] b, long o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;

    static string Str(byte[] b, Section table, uint index)
    {
        long start = table.Offset + index, end = start;
        while (end < table.Offset + table.Size && b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, (int)start, (int)(end - start));
    }
}
