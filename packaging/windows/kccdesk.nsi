; kccdesk's Windows installer (NSIS 3): the frozen app (packaging/frozen,
; built on Windows by packaging/windows/workflow.yml), per machine, in
; Program Files, with a Start-menu entry and an entry in Apps & features.
;
; For IT:
;   kccdesk-<version>-windows-x64.exe /S                  silent install
;   kccdesk-<version>-windows-x64.exe /S /PROFILE=C:\it\team.toml
;       also sets up every person who logs on to this computer with that
;       workstation profile (`kccdesk provision`, once per person, at their
;       next logon: Windows' Active Setup). The profile holds no secrets.
;   "C:\Program Files\kccdesk\uninstall.exe" /S           silent uninstall
;       (each person's own settings and data stay in their profile folder)
;
; Build: makensis -DVERSION=<version> -DPAYLOAD=<frozen app folder>
;        -DICON=<kccdesk.ico> -DOUTFILE=<kccdesk-version-windows-x64.exe> packaging\windows\kccdesk.nsi
; The tests compile it on Linux (Debian's nsis) against a placeholder payload.

Unicode true
!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!ifndef VERSION | PAYLOAD | ICON | OUTFILE
  !error "give -DVERSION, -DPAYLOAD, -DICON and -DOUTFILE"
!endif

!define APP "kccdesk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP}"
!define ACTIVE_SETUP_KEY "Software\Microsoft\Active Setup\Installed Components\${APP}"
; $APPDATA is ProgramData: the installer works for all users (SetShellVarContext all)
!define MACHINE_PROFILE "$APPDATA\${APP}\profile.toml"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${APP}"
RequestExecutionLevel admin
SetCompressor /SOLID lzma
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "GPL-2.0-or-later"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Dutch"
!insertmacro MUI_LANGUAGE "English"

LangString ProfileMissing ${LANG_DUTCH} "Het werkplekprofiel bestaat niet:"
LangString ProfileMissing ${LANG_ENGLISH} "The workstation profile does not exist:"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "kccdesk needs 64-bit Windows." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "kccdesk"
  SetOutPath "$INSTDIR"
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${APP}.exe"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "kccdesk developers"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP}.exe"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0

  ; /PROFILE=FILE: every person's first logon after this applies it once (Active Setup).
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/PROFILE=" $R1
  ${IfNot} ${Errors}
    ${IfNot} ${FileExists} "$R1"
      MessageBox MB_ICONSTOP "$(ProfileMissing) $R1" /SD IDOK
      SetErrorLevel 2
      Abort
    ${EndIf}
    CreateDirectory "$APPDATA\${APP}"
    CopyFiles /SILENT "$R1" "${MACHINE_PROFILE}"
    WriteRegStr HKLM "${ACTIVE_SETUP_KEY}" "" "${APP}"
    WriteRegStr HKLM "${ACTIVE_SETUP_KEY}" "Version" "${VERSION}"
    WriteRegStr HKLM "${ACTIVE_SETUP_KEY}" "StubPath" '"$INSTDIR\${APP}.exe" provision "${MACHINE_PROFILE}"'
  ${EndIf}
SectionEnd

Function un.onInit
  SetRegView 64
  SetShellVarContext all
FunctionEnd

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP}.lnk"
  RMDir /r "$INSTDIR"
  Delete "${MACHINE_PROFILE}"
  RMDir "$APPDATA\${APP}"
  DeleteRegKey HKLM "${ACTIVE_SETUP_KEY}"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
