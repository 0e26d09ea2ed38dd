using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LdapSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_TenantId",
                table: "AspNetUsers");

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "Groups",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "Groups",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "local");

            migrationBuilder.AddColumn<string>(
                name: "DistinguishedName",
                table: "AspNetUsers",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExternalId",
                table: "AspNetUsers",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "AspNetUsers",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "local");

            migrationBuilder.CreateTable(
                name: "LdapDirectories",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServerUrl = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    BindDn = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    ProtectedBindPassword = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    BaseDn = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    UserFilter = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    GroupFilter = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    DisabledFilter = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    IdAttribute = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MailAttribute = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayNameAttribute = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MemberAttribute = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SyncIntervalMinutes = table.Column<int>(type: "integer", nullable: false),
                    LastSyncAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastSyncResult = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LdapDirectories", x => x.TenantId);
                    table.ForeignKey(
                        name: "FK_LdapDirectories_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Groups_TenantId_ExternalId",
                table: "Groups",
                columns: new[] { "TenantId", "ExternalId" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_TenantId_ExternalId",
                table: "AspNetUsers",
                columns: new[] { "TenantId", "ExternalId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LdapDirectories");

            migrationBuilder.DropIndex(
                name: "IX_Groups_TenantId_ExternalId",
                table: "Groups");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_TenantId_ExternalId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "Groups");

            migrationBuilder.DropColumn(
                name: "DistinguishedName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "ExternalId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_TenantId",
                table: "AspNetUsers",
                column: "TenantId");
        }
    }
}
