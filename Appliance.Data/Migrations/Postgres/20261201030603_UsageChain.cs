using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Appliance.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UsageChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UsageLog_ContentId",
                table: "UsageLog");

            migrationBuilder.AddColumn<string>(
                name: "Chain",
                table: "UsageLog",
                type: "character varying(36)",
                maxLength: 36,
                nullable: false,
                defaultValue: "pre-chain");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DatePublished",
                table: "UsageLog",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Hash",
                table: "UsageLog",
                type: "bytea",
                maxLength: 32,
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<string>(
                name: "Issuer",
                table: "UsageLog",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "PreviousHash",
                table: "UsageLog",
                type: "bytea",
                maxLength: 32,
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "UsageLog",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<bool>(
                name: "NotifyOwner",
                table: "ProtectedDocuments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "OwnerNotifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContentId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    FileName = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Event = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UserEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ClientIp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnerNotifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UsageChainHeads",
                columns: table => new
                {
                    Chain = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    HeadHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageChainHeads", x => x.Chain);
                });

            migrationBuilder.CreateTable(
                name: "UsageCheckpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Chain = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    HeadHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SignerTenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Algorithm = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Signature = table.Column<byte[]>(type: "bytea", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UsageCheckpoints", x => x.Id);
                });

            // Entries written before the log was chained keep their rows, in a chain of their own that verification
            // reports as unchained; their row ids make their sequence numbers unique.
            migrationBuilder.Sql("UPDATE \"UsageLog\" SET \"Sequence\" = \"Id\" WHERE \"Chain\" = 'pre-chain'");

            migrationBuilder.CreateIndex(
                name: "IX_UsageLog_Chain_Id",
                table: "UsageLog",
                columns: new[] { "Chain", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageLog_Chain_Sequence",
                table: "UsageLog",
                columns: new[] { "Chain", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UsageLog_ContentId_Id",
                table: "UsageLog",
                columns: new[] { "ContentId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageLog_TenantId_Id",
                table: "UsageLog",
                columns: new[] { "TenantId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageLog_TenantId_RequestType_Id",
                table: "UsageLog",
                columns: new[] { "TenantId", "RequestType", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageLog_TenantId_Result_Id",
                table: "UsageLog",
                columns: new[] { "TenantId", "Result", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageLog_TenantId_TemplateId_Id",
                table: "UsageLog",
                columns: new[] { "TenantId", "TemplateId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageLog_TenantId_UserEmail_Id",
                table: "UsageLog",
                columns: new[] { "TenantId", "UserEmail", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OwnerNotifications_SentAt_OwnerEmail",
                table: "OwnerNotifications",
                columns: new[] { "SentAt", "OwnerEmail" });

            migrationBuilder.CreateIndex(
                name: "IX_UsageCheckpoints_Chain_Sequence",
                table: "UsageCheckpoints",
                columns: new[] { "Chain", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OwnerNotifications");

            migrationBuilder.DropTable(
                name: "UsageChainHeads");

            migrationBuilder.DropTable(
                name: "UsageCheckpoints");

            migrationBuilder.DropIndex(
                name: "IX_UsageLog_Chain_Id",
                table: "UsageLog");

            migrationBuilder.DropIndex(
                name: "IX_UsageLog_Chain_Sequence",
                table: "UsageLog");

            migrationBuilder.DropIndex(
                name: "IX_UsageLog_ContentId_Id",
                table: "UsageLog");

            migrationBuilder.DropIndex(
                name: "IX_UsageLog_TenantId_Id",
                table: "UsageLog");

            migrationBuilder.DropIndex(
                name: "IX_UsageLog_TenantId_RequestType_Id",
                table: "UsageLog");

            migrationBuilder.DropIndex(
                name: "IX_UsageLog_TenantId_Result_Id",
                table: "UsageLog");

            migrationBuilder.DropIndex(
                name: "IX_UsageLog_TenantId_TemplateId_Id",
                table: "UsageLog");

            migrationBuilder.DropIndex(
                name: "IX_UsageLog_TenantId_UserEmail_Id",
                table: "UsageLog");

            migrationBuilder.DropColumn(
                name: "Chain",
                table: "UsageLog");

            migrationBuilder.DropColumn(
                name: "DatePublished",
                table: "UsageLog");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "UsageLog");

            migrationBuilder.DropColumn(
                name: "Issuer",
                table: "UsageLog");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "UsageLog");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "UsageLog");

            migrationBuilder.DropColumn(
                name: "NotifyOwner",
                table: "ProtectedDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_UsageLog_ContentId",
                table: "UsageLog",
                column: "ContentId");
        }
    }
}
