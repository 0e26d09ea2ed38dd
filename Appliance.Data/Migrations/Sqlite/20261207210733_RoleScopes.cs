using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Appliance.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RoleScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RoleScopes",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RoleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoleScopes", x => new { x.UserId, x.RoleId, x.TenantId });
                    table.ForeignKey(
                        name: "FK_RoleScopes_AspNetUserRoles_UserId_RoleId",
                        columns: x => new { x.UserId, x.RoleId },
                        principalTable: "AspNetUserRoles",
                        principalColumns: new[] { "UserId", "RoleId" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RoleScopes_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RoleScopes_TenantId",
                table: "RoleScopes",
                column: "TenantId");

            // Until now every role reached every organisation. Each assignment but Administrator (appliance-wide) of a
            // user who belongs to an organisation is kept for that organisation; one of a user who belongs to none
            // (the first-start admin) gets no scope and reaches nothing until an administrator names organisations.
            migrationBuilder.Sql(
                """
                INSERT INTO "RoleScopes" ("UserId", "RoleId", "TenantId")
                SELECT ur."UserId", ur."RoleId", u."TenantId"
                FROM "AspNetUserRoles" ur
                JOIN "AspNetUsers" u ON u."Id" = ur."UserId"
                JOIN "AspNetRoles" r ON r."Id" = ur."RoleId"
                WHERE u."TenantId" IS NOT NULL AND r."Name" <> 'Administrator';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RoleScopes");
        }
    }
}
