using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// TorchSharp 0.107.0 is built for .NET 8, so its references name .NET 8's framework assemblies
/// (System.Runtime.Numerics 8.0.0.0). The kit runs on .NET 10, and a C# script host that compiles a cell against
/// TorchSharp (.NET Interactive, Roslyn scripting) unifies each such reference with .NET 10's assembly and prints
/// "warning CS1701: Assuming assembly reference ... matches identity ..." under every cell that binds such a type
/// (any torch.tensor call). The .NET SDK silences CS1701 in projects; a script host cannot. This rewrites those
/// references in every output copy to the versions the project compiles against, which the runtime resolves to
/// anyway. Only the four version numbers of each such AssemblyRef row change; a copy already retargeted is left
/// alone. The NuGet cache is never touched.
/// </summary>
public sealed class RetargetFrameworkReferences : Task
{
    /// <summary>The copies of the assembly to retarget (build or publish outputs).</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The framework's reference assemblies the project compiles against (their versions are the targets).</summary>
    [Required]
    public ITaskItem[] FrameworkReferences { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var framework = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
        foreach (var reference in FrameworkReferences.Select(r => r.GetMetadata("FullPath")).Where(File.Exists))
        {
            var name = AssemblyName.GetAssemblyName(reference);
            if (name.Name is { } simple && name.Version is { } version) framework[simple] = version;
        }
        foreach (var path in Files.Select(f => f.GetMetadata("FullPath")).Where(File.Exists).Distinct())
        {
            try
            {
                var bytes = File.ReadAllBytes(path);
                var changed = Retarget(bytes, framework);
                if (changed.Count == 0) continue;
                var stamp = File.GetLastWriteTimeUtc(path);
                // A new file moved over the old one: never half-written, and a hard link to another copy is replaced.
                var temp = path + ".retargeting";
                File.WriteAllBytes(temp, bytes);
                File.Replace(temp, path, destinationBackupFileName: null);
                // The copy's time stamp stays, so the next incremental build sees it as up to date.
                File.SetLastWriteTimeUtc(path, stamp);
                Log.LogMessage(MessageImportance.High, $"Retargeted {path}: {string.Join(", ", changed)}.");
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or IndexOutOfRangeException)
            {
                Log.LogError($"Cannot retarget {path}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>Rewrites, in memory, each reference to a framework assembly older than the framework's own version.</summary>
    static List<string> Retarget(byte[] image, IReadOnlyDictionary<string, Version> framework)
    {
        var changed = new List<string>();
        var metadata = new AssemblyRefTable(image);
        for (var row = 0; row < metadata.Rows; row++)
        {
            var (name, version, at) = metadata.Row(row);
            if (!framework.TryGetValue(name, out var target) || version >= target) continue;
            ushort[] parts = [(ushort)target.Major, (ushort)target.Minor, (ushort)Math.Max(target.Build, 0), (ushort)Math.Max(target.Revision, 0)];
            for (var i = 0; i < parts.Length; i++)
                (image[at + 2 * i], image[at + 2 * i + 1]) = ((byte)parts[i], (byte)(parts[i] >> 8));
            changed.Add($"{name} {version} -> {target}");
        }
        return changed;
    }

    /// <summary>
    /// Finds the AssemblyRef table of a .NET image (ECMA-335 II.24 and II.22): the PE's CLI header, the metadata root,
    /// the #~ stream with every table's row count and column sizes, and the #Strings heap for the names. Written out
    /// because an inline build task compiles against netstandard alone, without System.Reflection.Metadata.
    /// </summary>
    sealed class AssemblyRefTable
    {
        const int AssemblyRefTableIndex = 0x23;
        readonly byte[] image;
        readonly int table, rowSize, strings, stringIndexSize, blobIndexSize;

        public AssemblyRefTable(byte[] image)
        {
            this.image = image;
            if (image.Length < 0x40 || U16(0) != 0x5A4D) throw new InvalidDataException("expected a PE file (MZ header)");
            var pe = (int)U32(0x3C);
            if (U32(pe) != 0x00004550) throw new InvalidDataException("expected a PE signature");
            var sections = U16(pe + 6);
            var optional = pe + 24;
            var magic = U16(optional);
            var directories = optional + (magic == 0x20B ? 112 : 96);
            var cli = Offset(U32(directories + 14 * 8), optional + U16(pe + 20), sections);
            var root = Offset(U32(cli + 8), optional + U16(pe + 20), sections);
            if (U32(root) != 0x424A5342) throw new InvalidDataException("expected .NET metadata (BSJB)");
            var streamHeaders = root + 16 + (int)U32(root + 12) + 4; // after the version string, Flags and Streams
            int streamCount = U16(streamHeaders - 2), tables = -1;
            strings = -1;
            for (var i = 0; i < streamCount; i++)
            {
                var offset = root + (int)U32(streamHeaders);
                var nameStart = streamHeaders + 8;
                var nameEnd = Array.IndexOf(image, (byte)0, nameStart);
                var name = System.Text.Encoding.ASCII.GetString(image, nameStart, nameEnd - nameStart);
                if (name is "#~" or "#-") tables = offset;
                if (name == "#Strings") strings = offset;
                streamHeaders = nameStart + ((nameEnd - nameStart + 4) & ~3);
            }
            if (tables < 0 || strings < 0) throw new InvalidDataException("expected #~ and #Strings metadata streams");

            var heapSizes = image[tables + 6];
            var valid = BitConverter.ToUInt64(image, tables + 8);
            var rows = new int[64];
            var at = tables + 24;
            for (var t = 0; t < 64; t++)
                if ((valid >> t & 1) != 0) { rows[t] = (int)U32(at); at += 4; }
            if ((heapSizes & 0x40) != 0) at += 4;
            stringIndexSize = (heapSizes & 1) != 0 ? 4 : 2;
            blobIndexSize = (heapSizes & 4) != 0 ? 4 : 2;
            var sizes = ColumnSizes(rows, stringIndexSize, (heapSizes & 2) != 0 ? 4 : 2, blobIndexSize);
            for (var t = 0; t < AssemblyRefTableIndex; t++) at += rows[t] * sizes[t].Sum();
            table = at;
            rowSize = sizes[AssemblyRefTableIndex].Sum();
            Rows = rows[AssemblyRefTableIndex];
        }

        public int Rows { get; }

        /// <summary>A row's name, version, and the file offset of its four version numbers.</summary>
        public (string Name, Version Version, int At) Row(int row)
        {
            var at = table + row * rowSize;
            // Version (4 x u16), Flags (u32), PublicKeyOrToken (blob index), then Name (string index).
            var nameAt = at + 12 + blobIndexSize;
            var nameIndex = stringIndexSize == 4 ? (int)U32(nameAt) : U16(nameAt);
            return (String(nameIndex), new Version(U16(at), U16(at + 2), U16(at + 4), U16(at + 6)), at);
        }

        string String(int index)
        {
            var start = strings + index;
            return System.Text.Encoding.UTF8.GetString(image, start, Array.IndexOf(image, (byte)0, start) - start);
        }

        int Offset(uint rva, int sectionTable, int sections)
        {
            for (var i = 0; i < sections; i++)
            {
                var section = sectionTable + 40 * i;
                uint virtualAddress = U32(section + 12), size = Math.Max(U32(section + 8), U32(section + 16));
                if (rva >= virtualAddress && rva < virtualAddress + size) return (int)(rva - virtualAddress + U32(section + 20));
            }
            throw new InvalidDataException($"RVA 0x{rva:X} lies in no section");
        }

        ushort U16(int at) => BitConverter.ToUInt16(image, at);
        uint U32(int at) => BitConverter.ToUInt32(image, at);

        /// <summary>The column sizes of tables 0x00 to 0x23 (II.22), given every table's row count and the heap index sizes.</summary>
        static int[][] ColumnSizes(int[] rows, int s, int g, int b)
        {
            int Index(int t) => rows[t] < 1 << 16 ? 2 : 4;
            int Coded(int bits, params int[] tables) => tables.Max(t => t < 0 ? 0 : rows[t]) < 1 << (16 - bits) ? 2 : 4;
            int typeDefOrRef = Coded(2, 0x02, 0x01, 0x1B), resolutionScope = Coded(2, 0x00, 0x1A, 0x23, 0x01);
            int memberRefParent = Coded(3, 0x02, 0x01, 0x1A, 0x06, 0x1B), hasConstant = Coded(2, 0x04, 0x08, 0x17);
            int hasCustomAttribute = Coded(5, 0x06, 0x04, 0x01, 0x02, 0x08, 0x09, 0x0A, 0x00, 0x0E, 0x17, 0x14, 0x11, 0x1A, 0x1B, 0x20, 0x23, 0x26, 0x27, 0x28, 0x2A, 0x2C, 0x2B);
            int customAttributeType = Coded(3, -1, -1, 0x06, 0x0A, -1), hasFieldMarshal = Coded(1, 0x04, 0x08);
            int hasDeclSecurity = Coded(2, 0x02, 0x06, 0x20), hasSemantics = Coded(1, 0x14, 0x17);
            int methodDefOrRef = Coded(1, 0x06, 0x0A), memberForwarded = Coded(1, 0x04, 0x06);
            return
            [
                [2, s, g, g, g],                                   // 0x00 Module
                [resolutionScope, s, s],                           // 0x01 TypeRef
                [4, s, s, typeDefOrRef, Index(0x04), Index(0x06)], // 0x02 TypeDef
                [Index(0x04)],                                     // 0x03 FieldPtr
                [2, s, b],                                         // 0x04 Field
                [Index(0x06)],                                     // 0x05 MethodPtr
                [4, 2, 2, s, b, Index(0x08)],                      // 0x06 MethodDef
                [Index(0x08)],                                     // 0x07 ParamPtr
                [2, 2, s],                                         // 0x08 Param
                [Index(0x02), typeDefOrRef],                       // 0x09 InterfaceImpl
                [memberRefParent, s, b],                           // 0x0A MemberRef
                [2, hasConstant, b],                               // 0x0B Constant
                [hasCustomAttribute, customAttributeType, b],      // 0x0C CustomAttribute
                [hasFieldMarshal, b],                              // 0x0D FieldMarshal
                [2, hasDeclSecurity, b],                           // 0x0E DeclSecurity
                [2, 4, Index(0x02)],                               // 0x0F ClassLayout
                [4, Index(0x04)],                                  // 0x10 FieldLayout
                [b],                                               // 0x11 StandAloneSig
                [Index(0x02), Index(0x14)],                        // 0x12 EventMap
                [Index(0x14)],                                     // 0x13 EventPtr
                [2, s, typeDefOrRef],                              // 0x14 Event
                [Index(0x02), Index(0x17)],                        // 0x15 PropertyMap
                [Index(0x17)],                                     // 0x16 PropertyPtr
                [2, s, b],                                         // 0x17 Property
                [2, Index(0x06), hasSemantics],                    // 0x18 MethodSemantics
                [Index(0x02), methodDefOrRef, methodDefOrRef],     // 0x19 MethodImpl
                [s],                                               // 0x1A ModuleRef
                [b],                                               // 0x1B TypeSpec
                [2, memberForwarded, s, Index(0x1A)],              // 0x1C ImplMap
                [4, Index(0x04)],                                  // 0x1D FieldRVA
                [4, 4],                                            // 0x1E EncLog
                [4],                                               // 0x1F EncMap
                [4, 2, 2, 2, 2, 4, b, s, s],                       // 0x20 Assembly
                [4],                                               // 0x21 AssemblyProcessor
                [4, 4, 4],                                         // 0x22 AssemblyOS
                [2, 2, 2, 2, 4, b, s, s, b],                       // 0x23 AssemblyRef
            ];
        }
    }
}
